package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * A client connection's pipeline as {@link GatewayInitializer} builds it, for a channel that is not a socket (an
 * {@code EmbeddedChannel}): the same handlers in the same order, without the last one, {@link ClientHandler}, which
 * only handles what the client sends and needs the command beans. Keep in step with {@link GatewayInitializer}.
 */
public final class BenchmarkPipeline {

    private BenchmarkPipeline() {
    }

    public static void install(Channel channel, GatewayProperties properties, GatewayMetrics metrics) {
        channel.pipeline()
                .addLast("slow-consumer", new SlowConsumerHandler(properties.writeBufferLowWaterMark().toBytes(),
                        properties.writeBufferHighWaterMark().toBytes(), properties.writeBufferLimit().toBytes(),
                        properties.slowConsumerTimeout(), metrics))
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast(Session.IDLE_HANDLER, Session.idleHandler(properties.pcIdleTimeout()))
                .addLast("decoder", new PduDecoder((int) properties.maxFrameLength().toBytes()))
                .addLast("encoder", PduEncoder.INSTANCE);
    }
}
