package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import io.netty.channel.Channel;

/**
 * A client connection's pipeline as {@link GatewayInitializer} builds it, for a channel that is not a socket (an
 * {@code EmbeddedChannel}): the same handlers ({@link GatewayInitializer#addFrameHandlers}), without the last one,
 * {@link ClientHandler}, which only handles what the client sends and needs the command beans.
 */
public final class BenchmarkPipeline {

    private BenchmarkPipeline() {
    }

    public static void install(Channel channel, GatewayProperties properties, GatewayMetrics metrics) {
        GatewayInitializer.addFrameHandlers(channel.pipeline(), properties, metrics);
    }
}
