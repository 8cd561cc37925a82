package dev.switchboard.store;

import com.mogujie.tt.protobuf.IMBaseDefine.DepartmentStatusType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class DepartmentStoreTest {

    private final RedisTestSupport redis = new RedisTestSupport();
    private final DepartmentStore departments = new DepartmentStore(redis.text.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void createsUpdatesAndListsIncrementally() {
        assertThat(join(departments.create(new DepartmentRecord(2, "Sales", 5, 1, 0, 100)))).isEqualTo(DirectoryWrite.OK);
        assertThat(join(departments.create(new DepartmentRecord(1, "Demo", 0, 0, 0, 200)))).isEqualTo(DirectoryWrite.OK);
        assertThat(join(departments.create(new DepartmentRecord(1, "Again", 0, 0, 0, 200))))
                .isEqualTo(DirectoryWrite.ID_TAKEN);

        assertThat(join(departments.update(new DepartmentRecord(2, "Sales EU", 5, 1, 1, 300))))
                .isEqualTo(DirectoryWrite.OK);
        assertThat(join(departments.update(new DepartmentRecord(9, "None", 0, 0, 0, 300))))
                .isEqualTo(DirectoryWrite.NOT_FOUND);

        assertThat(join(departments.all())).extracting(DepartmentRecord::name).containsExactly("Demo", "Sales EU");
        assertThat(join(departments.updatedAfter(200))).singleElement().satisfies(d -> {
            assertThat(d.toDepartInfo().getDeptStatus()).isEqualTo(DepartmentStatusType.DEPT_STATUS_DELETE);
            assertThat(d.toDepartInfo().getParentDeptId()).isEqualTo(1);
            assertThat(d.updatedAt()).isEqualTo(300);
        });
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
