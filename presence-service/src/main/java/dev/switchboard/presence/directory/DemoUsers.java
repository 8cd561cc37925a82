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

/**
 * Seeds {@code user1..userN} (ids 1..N, nick {@code nickN}, password {@code 123456}, department 1) and department 1
 * ("Demo") when {@code switchboard.presence.demo-users} is N > 0. Existing users and departments are left as they are.
 */
@Component
@Order(DemoUsers.ORDER)
final class DemoUsers implements ApplicationRunner {

    /** Runs early among the seeding runners: the others need its users. */
    static final int ORDER = 100;
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final String PASSWORD = "123456";

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
        long now = System.currentTimeMillis() / 1000;
        DirectoryWrite department = departments.create(new DepartmentRecord(1, "Demo", 0, 0, 0, now))
                .toCompletableFuture().join();
        int created = 0;
        String digest = Credentials.md5hex(PASSWORD);
        for (long id = 1; id <= properties.demoUsers(); id++) {
            if (directory.findById(id).toCompletableFuture().join().isPresent()) {
                continue;
            }
            String credential = Credentials.hash(digest, properties.credentialIterations());
            directory.save(new UserRecord(id, "user" + id, "nick" + id, 0, "", 1, "user" + id + "@example.com",
                    "User " + id, "", "user" + id, 0, "", credential, now)).toCompletableFuture().join();
            created++;
        }
        log.info("demo users ready count={} created={} password={} departmentCreated={}", properties.demoUsers(),
                created, PASSWORD, department == DirectoryWrite.OK);
    }
}
