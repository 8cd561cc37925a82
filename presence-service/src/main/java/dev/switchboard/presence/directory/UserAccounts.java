package dev.switchboard.presence.directory;

import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.presence.admin.AdminException;
import dev.switchboard.store.Credentials;
import dev.switchboard.store.DirectoryWrite;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserField;
import dev.switchboard.store.UserRecord;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Creates and changes users for the admin API and the import: validates the form, turns the password into a stored
 * credential ({@link Credentials}), writes through {@link UserDirectory} and maps its outcome to 400, 404 or 409.
 * Every change stamps {@code updated} with the current time, so clients' incremental all-user sync sees it.
 */
@Component
final class UserAccounts {

    /** How often a create without an id retries when another create took the next free id first. */
    private static final int ID_ATTEMPTS = 5;

    private final UserDirectory directory;
    private final int iterations;

    UserAccounts(UserDirectory directory, PresenceProperties properties) {
        this.directory = directory;
        this.iterations = properties.credentialIterations();
    }

    Optional<UserRecord> find(long id) {
        return join(directory.findById(id));
    }

    /** Creates a user; 400 for an invalid form, 409 when the name or the given id is taken. */
    UserRecord create(UserForm form) {
        requireValid(form, true);
        String credential = credential(form);
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            long id = form.id() != null ? form.id() : join(directory.nextFreeId());
            UserRecord user = record(id, form, credential, now());
            DirectoryWrite result = join(directory.create(user));
            if (result == DirectoryWrite.OK) {
                return user;
            }
            if (result == DirectoryWrite.NAME_TAKEN) {
                throw AdminException.conflict("name " + form.name() + " is taken", "name");
            }
            if (form.id() != null) {
                throw AdminException.conflict("id " + id + " is taken", "id");
            }
        }
        throw AdminException.conflict("no free id found, retry", "id");
    }

    /** Creates or replaces the user with the form's id (import); true when it was created. */
    boolean replace(UserForm form) {
        requireValid(form, true);
        boolean exists = find(form.id()).isPresent();
        DirectoryWrite result = join(directory.save(record(form.id(), form, credential(form), now())));
        if (result == DirectoryWrite.NAME_TAKEN) {
            throw AdminException.conflict("name " + form.name() + " belongs to another user", "name");
        }
        return !exists;
    }

    /** Changes the fields the form sets (a password replaces the credential); 404 when there is no such user. */
    UserRecord update(long id, UserForm form) {
        requireValid(form, false);
        if (form.id() != null && form.id() != id) {
            throw AdminException.badRequest(Map.of("id", "cannot be changed"));
        }
        Map<UserField, String> changes = new EnumMap<>(UserField.class);
        put(changes, UserField.NAME, form.name());
        put(changes, UserField.NICK, form.nick());
        put(changes, UserField.GENDER, form.gender());
        put(changes, UserField.AVATAR, form.avatar());
        put(changes, UserField.DEPARTMENT, form.departmentId());
        put(changes, UserField.EMAIL, form.email());
        put(changes, UserField.REAL_NAME, form.realName());
        put(changes, UserField.TEL, form.tel());
        put(changes, UserField.DOMAIN, form.domain());
        put(changes, UserField.STATUS, form.status());
        put(changes, UserField.SIGN_INFO, form.signInfo());
        if (form.password() != null) {
            changes.put(UserField.CREDENTIAL, credential(form));
        }
        return apply(id, changes);
    }

    /** Sets the status: 0 enables, non-zero disables (no login; clients drop the user). */
    UserRecord setStatus(long id, int status) {
        return apply(id, Map.of(UserField.STATUS, String.valueOf(status)));
    }

    private UserRecord apply(long id, Map<UserField, String> changes) {
        DirectoryWrite result = join(directory.update(id, changes, now()));
        if (result == DirectoryWrite.NOT_FOUND) {
            throw AdminException.notFound("user " + id);
        }
        if (result == DirectoryWrite.NAME_TAKEN) {
            throw AdminException.conflict("name " + changes.get(UserField.NAME) + " is taken", "name");
        }
        return find(id).orElseThrow(() -> AdminException.notFound("user " + id));
    }

    private String credential(UserForm form) {
        return form.salt() != null
                ? Credentials.teamTalk(form.salt(), form.password())
                : Credentials.hash(Credentials.md5hex(form.password()), iterations);
    }

    private static UserRecord record(long id, UserForm f, String credential, long now) {
        return new UserRecord(id, f.name(), orEmpty(f.nick()), f.gender() == null ? 0 : f.gender(),
                orEmpty(f.avatar()), f.departmentId() == null ? 0 : f.departmentId(), orEmpty(f.email()),
                f.realName() == null ? f.name() : f.realName(), orEmpty(f.tel()), orEmpty(f.domain()),
                f.status() == null ? 0 : f.status(), orEmpty(f.signInfo()), credential, now);
    }

    private static void requireValid(UserForm form, boolean creating) {
        Map<String, String> problems = form.problems(creating);
        if (!problems.isEmpty()) {
            throw AdminException.badRequest(problems);
        }
    }

    private static void put(Map<UserField, String> changes, UserField field, Object value) {
        if (value != null) {
            changes.put(field, String.valueOf(value));
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
