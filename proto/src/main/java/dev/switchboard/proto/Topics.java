package dev.switchboard.proto;

/**
 * Kafka topic names, the other half of the contract between services (the values are the envelopes in
 * {@code src/main/proto/switchboard}).
 *
 * <pre>
 * topic                  key                              producer -> consumer                 value
 * im.route               recipient user id (1:1)          gateways -> route-service            RouteEnvelope
 * im.presence            user id; gateway id for leases   gateways -> presence-service         PresenceEvent
 * im.deliver.{gatewayId} first target user id             route/presence-service -> gateway    Delivery
 * {topic}-dlt            as the failed record             error handlers                       the failed record
 * </pre>
 * One delivery topic per gateway (single partition): a gateway consumes exactly what is addressed to it, and a
 * delivery is never broadcast.
 */
public final class Topics {

    public static final String ROUTE = "im.route";
    public static final String PRESENCE = "im.presence";
    public static final String DELIVER_PREFIX = "im.deliver.";

    private Topics() {
    }

    /** The delivery topic of one gateway. */
    public static String deliver(String gatewayId) {
        return DELIVER_PREFIX + gatewayId;
    }
}
