package dev.switchboard.presence.directory;

import dev.switchboard.presence.admin.AdminException;
import dev.switchboard.store.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The admin API for users ({@code /admin/users}, behind the admin token): create, list (by id, paged), read, update,
 * disable and enable. Responses never contain credentials.
 */
@RestController
@RequestMapping("/admin/users")
final class UserAdminController {

    static final int MAX_PAGE = 1000;
    private static final Logger log = LoggerFactory.getLogger(UserAdminController.class);

    private final UserAccounts accounts;
    private final UserDirectory directory;

    UserAdminController(UserAccounts accounts, UserDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody UserForm form) {
        UserView created = UserView.of(accounts.create(form));
        log.info("user created userId={}", created.id());
        return created;
    }

    /** A page of users by ascending id: {@code {"total", "offset", "limit", "users"}}. */
    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "0") long offset,
                             @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw AdminException.badRequest(Map.of("limit", "offset >= 0 and limit from 1 to " + MAX_PAGE));
        }
        List<UserView> users = directory.list(offset, limit).toCompletableFuture().join().stream()
                .map(UserView::of).toList();
        long total = directory.count().toCompletableFuture().join();
        return Map.of("total", total, "offset", offset, "limit", limit, "users", users);
    }

    @GetMapping("/{id}")
    UserView one(@PathVariable long id) {
        return accounts.find(id).map(UserView::of).orElseThrow(() -> AdminException.notFound("user " + id));
    }

    @PutMapping("/{id}")
    UserView update(@PathVariable long id, @RequestBody UserForm form) {
        UserView updated = UserView.of(accounts.update(id, form));
        log.info("user updated userId={}", id);
        return updated;
    }

    @PostMapping("/{id}/disable")
    UserView disable(@PathVariable long id) {
        log.info("user disabled userId={}", id);
        return UserView.of(accounts.setStatus(id, 1));
    }

    @PostMapping("/{id}/enable")
    UserView enable(@PathVariable long id) {
        log.info("user enabled userId={}", id);
        return UserView.of(accounts.setStatus(id, 0));
    }
}
