package dev.switchboard.gateway.login;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.store.LoginFailures;
import dev.switchboard.store.LoginFailures.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Failed-login backoff per login name and per source address ({@link GatewayProperties.LoginThrottle}), counted in
 * Redis ({@link LoginFailures}) so that it holds across gateways. Both are shared: a user's count must, since a
 * brute-forcer can connect to every gateway; an address's could be local, but then an address would get as many
 * guesses as there are gateways, and Redis costs one pipelined read per login, which the login already pays for the
 * directory. Asked before the password is checked, so a blocked subject costs no slow hash either. When Redis cannot
 * be read the attempt is let through: the directory read that follows fails the same way and refuses it.
 */
@Component
final class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginFailures failures;
    private final GatewayMetrics metrics;
    private final Policy perUser;
    private final Policy perAddress;
    private final Duration rememberAddresses;

    LoginThrottle(LoginFailures failures, GatewayMetrics metrics, GatewayProperties properties) {
        this.failures = failures;
        this.metrics = metrics;
        GatewayProperties.LoginThrottle settings = properties.loginThrottle();
        this.perUser = new Policy(settings.failuresPerUser(), settings.window(), settings.backoff(),
                settings.maxBackoff());
        this.perAddress = new Policy(settings.failuresPerAddress(), settings.window(), settings.backoff(),
                settings.maxBackoff());
        this.rememberAddresses = settings.rememberAddresses();
    }

    /**
     * Completes with whether a login of this name from this address may be checked now (never fails): when neither
     * is in a backoff, or when the name logged in from this address before (see {@link #succeeded}).
     */
    CompletionStage<Boolean> allowed(String userName, String address) {
        CompletableFuture<Long> user = failures.blockedUntil(LoginFailures.user(userName)).toCompletableFuture();
        CompletableFuture<Long> source = failures.blockedUntil(LoginFailures.address(address)).toCompletableFuture();
        CompletableFuture<Boolean> known = rememberAddresses.isZero()
                ? CompletableFuture.completedFuture(false)
                : failures.knownAddress(userName, address).toCompletableFuture();
        return user.thenCombine(source, Math::max)
                .thenCombine(known, (blockedUntil, fromKnownAddress) -> {
                    boolean blocked = blockedUntil > System.currentTimeMillis();
                    if (blocked && fromKnownAddress) {
                        metrics.loginFromKnownAddress();
                    }
                    return !blocked || fromKnownAddress;
                })
                .exceptionally(error -> {
                    log.debug("login throttle not read error={}", error.toString());
                    return true;
                });
    }

    /**
     * Counts a failed password check against the name and the address; completes once both are counted (or failed
     * to be), never exceptionally, so the refusal can wait for it and a client cannot retry before its failure counts.
     */
    CompletionStage<Void> failed(String userName, String address) {
        long now = System.currentTimeMillis();
        return CompletableFuture.allOf(count(LoginFailures.user(userName), now, perUser, "user"),
                count(LoginFailures.address(address), now, perAddress, "address"));
    }

    /**
     * A successful login clears the name's failures (the address's stay: one good account must not reset them) and
     * remembers the address as one the name logs in from.
     */
    void succeeded(String userName, String address) {
        failures.reset(LoginFailures.user(userName)).exceptionally(error -> {
            log.debug("login failures not reset error={}", error.toString());
            return null;
        });
        if (!rememberAddresses.isZero()) {
            failures.rememberAddress(userName, address, System.currentTimeMillis(), rememberAddresses)
                    .exceptionally(error -> {
                        log.debug("login address not remembered error={}", error.toString());
                        return null;
                    });
        }
    }

    private CompletableFuture<Void> count(String subject, long now, Policy policy, String kind) {
        return failures.failed(subject, now, policy).toCompletableFuture().handle((blockedUntil, error) -> {
            if (error != null) {
                log.debug("login failure not counted subject={} error={}", kind, error.toString());
            } else if (blockedUntil > now) {
                metrics.loginBlocked(kind);
            }
            return null;
        });
    }
}
