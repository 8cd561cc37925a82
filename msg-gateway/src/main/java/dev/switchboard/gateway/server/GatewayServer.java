package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;

/**
 * The TeamTalk client port. Starts after the rest of the context (Kafka, Redis) is ready. On shutdown
 * {@link GatewayDrain} first stops it accepting and closes the connections over the drain period; this then closes
 * whatever connection is left and stops the event loops.
 */
@Component
public final class GatewayServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayProperties properties;
    private final GatewayInitializer initializer;
    private final SessionRegistry registry;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile Channel serverChannel;
    private volatile int boundPort;
    private volatile boolean running;

    GatewayServer(GatewayProperties properties, GatewayInitializer initializer, SessionRegistry registry) {
        this.properties = properties;
        this.initializer = initializer;
        this.registry = registry;
    }

    @Override
    public void start() {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(properties.host(), properties.port())
                .syncUninterruptibly()
                .channel();
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        running = true;
        log.info("gateway listening gatewayId={} port={}", properties.id(), port());
    }

    /** The bound port (useful when configured as 0); still known after the port closed. */
    public int port() {
        return boundPort;
    }

    /** Closes the client port: new connections are refused from now on, the open ones stay. Idempotent. */
    void stopAccepting() {
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().syncUninterruptibly();
            serverChannel = null;
            log.info("gateway stopped accepting connections gatewayId={} port={}", properties.id(), boundPort);
        }
    }

    @Override
    public void stop() {
        stopAccepting();
        registry.all().forEach(session -> session.close(CloseReason.SHUTDOWN));
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        running = false;
        log.info("gateway stopped gatewayId={}", properties.id());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the Kafka listener containers (which start at DEFAULT_PHASE - 100 and later) so deliveries flow first
        return Integer.MAX_VALUE - 1000;
    }
}
