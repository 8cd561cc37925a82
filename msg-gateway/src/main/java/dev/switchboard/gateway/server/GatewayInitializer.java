package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.presence.PresencePublisher;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.gateway.tls.ClientTls;
import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.springframework.stereotype.Component;

/** Builds a client connection's pipeline; nothing else. */
@Component
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {

    private final GatewayProperties properties;
    private final SessionRegistry registry;
    private final CommandDispatcher dispatcher;
    private final PresencePublisher presence;
    private final GatewayMetrics metrics;
    private final ClientTls tls;
    private final ConnectionsPerAddress perAddress;

    GatewayInitializer(GatewayProperties properties, SessionRegistry registry, CommandDispatcher dispatcher,
                       PresencePublisher presence, GatewayMetrics metrics, ClientTls tls,
                       ConnectionsPerAddress perAddress) {
        this.properties = properties;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.metrics = metrics;
        this.tls = tls;
        this.perAddress = perAddress;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        tls.addHandlers(channel); // first, when switchboard.gateway.tls.enabled
        addFrameHandlers(channel.pipeline(), properties, metrics)
                .addLast("client", new ClientHandler(registry, dispatcher, presence, metrics,
                        properties.loginTimeout(), properties.maxConnections(), perAddress));
    }

    /**
     * Every handler of a client connection but the last, {@link ClientHandler}: write-buffer guard, flush
     * consolidation, the frame decoder, idle timeout (on whole frames), the encoder and the count of PDUs sent (the
     * JMH delivery benchmark builds the same pipeline).
     */
    static ChannelPipeline addFrameHandlers(ChannelPipeline pipeline, GatewayProperties properties,
                                            GatewayMetrics metrics) {
        return pipeline
                .addLast("slow-consumer", new SlowConsumerHandler(properties.writeBufferLowWaterMark().toBytes(),
                        properties.writeBufferHighWaterMark().toBytes(), properties.writeBufferLimit().toBytes(),
                        properties.slowConsumerTimeout(), metrics))
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("decoder", new PduDecoder((int) properties.maxFrameLength().toBytes()))
                // after the decoder: only whole frames count as activity, so a client trickling a frame that it
                // never completes is closed as idle (a slowloris)
                .addLast(Session.IDLE_HANDLER, Session.idleHandler(properties.pcIdleTimeout()))
                .addLast("encoder", PduEncoder.INSTANCE)
                .addLast("sent", new SentCommandHandler(metrics));
    }
}
