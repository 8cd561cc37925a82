package dev.switchboard.presence.directory;

import dev.switchboard.presence.admin.AdminException;
import dev.switchboard.store.DepartmentRecord;
import dev.switchboard.store.DepartmentStore;
import dev.switchboard.store.DirectoryWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The admin API for departments ({@code /admin/departments}, behind the admin token): create (id optional: the next
 * free one), update, list. Deleting is {@code status: 1}, which clients' incremental department sync picks up.
 */
@RestController
@RequestMapping("/admin/departments")
final class DepartmentAdminController {

    private static final Logger log = LoggerFactory.getLogger(DepartmentAdminController.class);
    private static final DepartmentRecord EMPTY = new DepartmentRecord(0, "", 0, 0, 0, 0);

    private final DepartmentStore departments;

    DepartmentAdminController(DepartmentStore departments) {
        this.departments = departments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DepartmentRecord create(@RequestBody DepartmentForm form) {
        requireValid(form, true);
        long id = form.id() != null ? form.id()
                : join(departments.all()).stream().mapToLong(DepartmentRecord::id).max().orElse(0) + 1;
        DepartmentRecord department = form.over(EMPTY, id, now());
        if (join(departments.create(department)) == DirectoryWrite.ID_TAKEN) {
            throw AdminException.conflict("department " + id + " exists", "id");
        }
        log.info("department created departmentId={}", id);
        return department;
    }

    @PutMapping("/{id}")
    DepartmentRecord update(@PathVariable long id, @RequestBody DepartmentForm form) {
        requireValid(form, false);
        DepartmentRecord current = join(departments.findById(id))
                .orElseThrow(() -> AdminException.notFound("department " + id));
        DepartmentRecord changed = form.over(current, id, now());
        if (join(departments.update(changed)) == DirectoryWrite.NOT_FOUND) {
            throw AdminException.notFound("department " + id);
        }
        log.info("department updated departmentId={}", id);
        return changed;
    }

    @GetMapping
    List<DepartmentRecord> list() {
        return join(departments.all());
    }

    private static void requireValid(DepartmentForm form, boolean creating) {
        Map<String, String> problems = form.problems(creating);
        if (!problems.isEmpty()) {
            throw AdminException.badRequest(problems);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
