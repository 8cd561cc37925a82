package dev.switchboard.presence.directory;

import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.store.GroupRecord;
import dev.switchboard.store.GroupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.LongStream;

/**
 * Seeds the normal group {@value #NAME} of users 1..10, created by user 1, when demo users are seeded
 * ({@code switchboard.presence.demo-users} >= 10) and no live normal group of that name exists. Runs after
 * {@link DemoUsers}, whose users it needs.
 */
@Component
@Order(DemoUsers.ORDER + 1)
final class DemoGroup implements ApplicationRunner {

    static final String NAME = "Demo group";
    private static final int MEMBERS = 10;
    private static final Logger log = LoggerFactory.getLogger(DemoGroup.class);

    private final GroupStore groups;
    private final PresenceProperties properties;

    DemoGroup(GroupStore groups, PresenceProperties properties) {
        this.groups = groups;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoUsers() < MEMBERS) {
            return;
        }
        boolean present = groups.all().toCompletableFuture().join().stream()
                .anyMatch(group -> group.type() == GroupRecord.NORMAL && NAME.equals(group.name()));
        if (present) {
            return;
        }
        List<Long> members = LongStream.rangeClosed(1, MEMBERS).boxed().toList();
        groups.create(NAME, "", 1, GroupRecord.NORMAL, members).toCompletableFuture().join()
                .ifPresent(group -> log.info("demo group ready groupId={} members={}", group.id(), MEMBERS));
    }
}
