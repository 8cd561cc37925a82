package dev.switchboard.route.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How much history Redis keeps, {@code switchboard.history.*}. PostgreSQL keeps every message; Redis keeps, per
 * conversation, a cache of its newest ones, which the history writer bounds once they are committed to PostgreSQL.
 * Reads inside the cache are answered from Redis, the rest from PostgreSQL, with the same bytes.
 *
 * @param cacheMessages how many of a conversation's newest messages stay in Redis (default 100: a client's first
 *                      history pages, and the latest message unread counts and recent sessions show)
 * @param cacheTtl      how long a conversation's cache lives after its last message was committed (default 7 days):
 *                      a quiet conversation's cache goes entirely, and its reads go to PostgreSQL
 */
@ConfigurationProperties("switchboard.history")
public record HistoryProperties(@DefaultValue("100") int cacheMessages, @DefaultValue("7d") Duration cacheTtl) {

    public HistoryProperties {
        if (cacheMessages < 1) {
            throw new IllegalArgumentException("switchboard.history.cache-messages: " + cacheMessages
                    + " (expected: at least 1)");
        }
        if (cacheTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("switchboard.history.cache-ttl: " + cacheTtl
                    + " (expected: at least 1s)");
        }
    }
}
