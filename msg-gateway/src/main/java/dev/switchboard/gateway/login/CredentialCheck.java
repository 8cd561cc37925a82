package dev.switchboard.gateway.login;

import dev.switchboard.store.Credentials;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Looks a user up in the directory and checks the digest the client sent. The slow hash runs on its own small pool,
 * never on a Netty event loop.
 */
@Component
final class CredentialCheck implements DisposableBean {

    /** The user when name and digest match and the user is active; otherwise a null user. */
    record Outcome(UserRecord user) {
    }

    private final UserDirectory directory;
    private final ExecutorService hashing = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "credential-check");
                thread.setDaemon(true);
                return thread;
            });

    CredentialCheck(UserDirectory directory) {
        this.directory = directory;
    }

    CompletionStage<Outcome> check(String userName, String digest) {
        return directory.findByName(userName).thenApplyAsync(found -> new Outcome(found
                .filter(UserRecord::active)
                .filter(user -> Credentials.matches(user.credential(), digest))
                .orElse(null)), hashing);
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }
}
