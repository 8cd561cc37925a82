package dev.switchboard.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Departments in Redis ({@link RedisKeys#department}, {@link RedisKeys#departmentIds}). presence-service writes them
 * (admin API, seeding); gateways read them for {@code IMDepartmentReq}. A write changes the hash and the change index
 * in one Lua script.
 */
public final class DepartmentStore {

    private static final LuaScript WRITE = LuaScript.load("department-write.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;

    public DepartmentStore(RedisAsyncCommands<String, String> redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public CompletionStage<Optional<DepartmentRecord>> findById(long id) {
        return redis.hgetall(keys.department(id)).thenApply(fields -> fields.isEmpty()
                ? Optional.empty()
                : Optional.of(fromHash(id, fields)));
    }

    /** Departments updated strictly after {@code afterSeconds} (0: all), deleted ones included, by id. */
    public CompletionStage<List<DepartmentRecord>> updatedAfter(long afterSeconds) {
        Range<Long> after = Range.from(Range.Boundary.excluding(afterSeconds), Range.Boundary.unbounded());
        return redis.zrangebyscore(keys.departmentIds(), after).thenCompose(this::findAll);
    }

    /** Every department, by id. */
    public CompletionStage<List<DepartmentRecord>> all() {
        return updatedAfter(-1);
    }

    /** Creates a department unless its id exists. */
    public CompletionStage<DirectoryWrite> create(DepartmentRecord department) {
        return write("create", department);
    }

    /** Creates or replaces a department. */
    public CompletionStage<DirectoryWrite> save(DepartmentRecord department) {
        return write("upsert", department);
    }

    /** Replaces an existing department's fields; {@link DirectoryWrite#NOT_FOUND} when there is none. */
    public CompletionStage<DirectoryWrite> update(DepartmentRecord department) {
        return write("update", department);
    }

    private CompletionStage<DirectoryWrite> write(String mode, DepartmentRecord d) {
        String[] k = {keys.department(d.id()), keys.departmentIds()};
        return WRITE.<String, String, String>run(redis, ScriptOutputType.VALUE, k, mode, String.valueOf(d.id()),
                String.valueOf(d.updatedAt()), "name", d.name(), "priority", String.valueOf(d.priority()),
                "parent", String.valueOf(d.parentId()), "status", String.valueOf(d.status()))
                .thenApply(DirectoryWrite::of);
    }

    private CompletionStage<List<DepartmentRecord>> findAll(List<String> ids) {
        List<CompletableFuture<Optional<DepartmentRecord>>> reads = ids.stream()
                .map(id -> findById(Long.parseLong(id)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<DepartmentRecord> departments = new ArrayList<>();
            reads.forEach(read -> read.join().ifPresent(departments::add));
            departments.sort(Comparator.comparingLong(DepartmentRecord::id));
            return departments;
        });
    }

    private static DepartmentRecord fromHash(long id, Map<String, String> h) {
        return new DepartmentRecord(id, h.getOrDefault("name", ""), (int) number(h, "priority"),
                number(h, "parent"), (int) number(h, "status"), number(h, "updated"));
    }

    private static long number(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
