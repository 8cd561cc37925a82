package dev.switchboard.gateway.login;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.store.Credentials;
import dev.switchboard.store.UserDirectory;
import dev.switchboard.store.UserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Looks a user up in the directory and checks the digest the client sent. The slow hash runs on its own small pool,
 * never on a Netty event loop. A user whose stored credential is an imported TeamTalk row ({@code teamtalk-md5}, a
 * fast unsalted-in-practice hash) gets it replaced by a PBKDF2 hash of the same digest right after a successful check,
 * before the login is answered; the replacement only lands if the credential is still the one checked, so a password
 * changed meanwhile through the admin API is kept. A failed upgrade does not fail the login: it is logged, counted,
 * and tried again at the next login.
 */
@Component
final class CredentialCheck implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CredentialCheck.class);

    /** The user when name and digest match and the user is active; otherwise a null user. */
    record Outcome(UserRecord user) {
    }

    private final UserDirectory directory;
    private final GatewayMetrics metrics;
    private final int iterations;
    private final ExecutorService hashing = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "credential-check");
                thread.setDaemon(true);
                return thread;
            });

    CredentialCheck(UserDirectory directory, GatewayMetrics metrics, GatewayProperties properties) {
        this.directory = directory;
        this.metrics = metrics;
        this.iterations = properties.credentialIterations();
    }

    CompletionStage<Outcome> check(String userName, String digest) {
        return directory.findByName(userName).thenApplyAsync(found -> new Outcome(found
                .filter(UserRecord::active)
                .filter(user -> Credentials.matches(user.credential(), digest))
                .orElse(null)), hashing).thenCompose(outcome -> outcome.user() != null
                && Credentials.needsUpgrade(outcome.user().credential())
                ? upgrade(outcome.user(), digest).thenApply(done -> outcome)
                : CompletableFuture.completedStage(outcome));
    }

    private CompletionStage<Void> upgrade(UserRecord user, String digest) {
        return CompletableFuture.supplyAsync(() -> Credentials.hash(digest, iterations), hashing)
                .thenCompose(hash -> directory.upgradeCredential(user.id(), user.credential(), hash))
                .handle((replaced, error) -> {
                    if (error != null) {
                        metrics.credentialUpgrade("failed");
                        log.warn("credential upgrade failed, kept the imported one userId={} error={}", user.id(),
                                error.toString());
                    } else {
                        metrics.credentialUpgrade(replaced ? "upgraded" : "changed");
                        log.info("credential upgraded to pbkdf2 userId={} replaced={}", user.id(), replaced);
                    }
                    return null;
                });
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }
}
