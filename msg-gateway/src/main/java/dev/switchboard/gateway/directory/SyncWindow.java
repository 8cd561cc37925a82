package dev.switchboard.gateway.directory;

import java.util.stream.LongStream;

/**
 * The {@code latest_update_time} an incremental answer (all users, departments) hands back: the newest
 * {@code updated} time it contains, or the request's when it contains nothing. A change stamped in the current second
 * could still be followed by another in the same second, which a client asking "after the newest" would never see;
 * so the newest time is capped just below the current second and the client may get such entries once more instead
 * of missing one (TeamTalk has that gap).
 */
final class SyncWindow {

    private SyncWindow() {
    }

    static int latest(long requested, LongStream updatedTimes, long nowSeconds) {
        long newest = Math.max(requested, updatedTimes.max().orElse(requested));
        if (newest >= nowSeconds) {
            newest = Math.max(requested, nowSeconds - 1);
        }
        return (int) newest;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
