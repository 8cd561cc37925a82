package dev.switchboard.route.routing;

import dev.switchboard.proto.envelope.RouteEnvelope;

/**
 * What route-service stores for a notice before delivering it (a read notify clears the reader's unread counter, a
 * remove-session notify removes the session). One bean per command id; must be idempotent, since a record can be
 * replayed after a crash.
 */
public interface NoticeEffect {

    /** The CID_* of the notices this effect applies to. */
    int commandId();

    /** Applies the effect; returns only once it is stored. */
    void apply(RouteEnvelope envelope);
}
