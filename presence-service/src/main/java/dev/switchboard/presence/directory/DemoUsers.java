package dev.switchboard.presence.directory;

import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.store.Credentials;
import dev.switchboard.store.DepartmentRecord;
import dev.switchboard.store.DepartmentStore;
import dev.switchboard.store.DirectoryWrite;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Seeds {@code user1..userN} (ids 1..N, nick {@code nickN}, password {@code 123456}, department 1) and department 1
 * ("Demo") when {@code switchboard.presence.demo-users} is N > 0. Existing users and departments are left as they are.
 *
 * <p>Runs as an {@link ApplicationRunner}: Spring Boot turns readiness to {@code ACCEPTING_TRAFFIC}
 * ({@code /actuator/health/readiness} UP) only after every runner has returned, so neither Kubernetes nor
 * {@code ./switchboard local} reports presence-service ready while demo users are still missing.
 *
 * <p>Every demo user gets the same stored credential, one PBKDF2 hash of the published password at the configured
 * cost: a salt per user protects a password that nobody knows, and this one is printed in the README. Logins still
 * pay the full cost. Hashing each of 2,000 users separately took over a minute on a 2-core machine while the other
 * services started; users created later (admin API, password change) get their own salt as always.
 */
@Component
@Order(DemoUsers.ORDER)
final class DemoUsers implements ApplicationRunner {

    /** Runs early among the seeding runners: the others need its users. */
    static final int ORDER = 100;
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final String PASSWORD = "123456";
    /** Users looked up and written per round: Lettuce pipelines them on its one connection. */
    private static final int BATCH = 500;

    private final UserDirectory directory;
    private final DepartmentStore departments;
    private final PresenceProperties properties;

    DemoUsers(UserDirectory directory, DepartmentStore departments, PresenceProperties properties) {
        this.directory = directory;
        this.departments = departments;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoUsers() <= 0) {
            return;
        }
        long started = System.nanoTime();
        long now = System.currentTimeMillis() / 1000;
        DirectoryWrite department = departments.create(new DepartmentRecord(1, "Demo", 0, 0, 0, now))
                .toCompletableFuture().join();
        String credential = Credentials.hash(Credentials.md5hex(PASSWORD), properties.credentialIterations());
        int created = 0;
        for (long first = 1; first <= properties.demoUsers(); first += BATCH) {
            long last = Math.min(properties.demoUsers(), first + BATCH - 1);
            created += seed(first, last, credential, now);
        }
        log.info("demo users ready count={} created={} password={} departmentCreated={} tookMillis={}",
                properties.demoUsers(), created, PASSWORD, department == DirectoryWrite.OK,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Creates the missing users among {@code first..last}; returns how many it created. */
    private int seed(long first, long last, String credential, long now) {
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            long userId = id;
            writes.add(directory.findById(userId).thenCompose(found -> found.isPresent()
                    ? CompletableFuture.completedStage(0)
                    : save(userId, credential, now)).toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return writes.stream().mapToInt(CompletableFuture::join).sum();
    }

    private CompletionStage<Integer> save(long id, String credential, long now) {
        return directory.save(new UserRecord(id, "user" + id, "nick" + id, 0, "", 1, "user" + id + "@example.com",
                "User " + id, "", "user" + id, 0, "", credential, now)).thenApply(write -> {
                    if (write != DirectoryWrite.OK) {
                        log.warn("demo user not created userId={} outcome={}: the name user{} belongs to another user",
                                id, write, id);
                        return 0;
                    }
                    return 1;
                });
    }
}
