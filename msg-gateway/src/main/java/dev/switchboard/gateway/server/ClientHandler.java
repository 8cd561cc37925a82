package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.presence.PresencePublisher;
import dev.switchboard.gateway.session.CloseReason;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.FrameException;
import dev.switchboard.pdu.Pdu;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a client pipeline: opens and closes the {@link Session}, enforces the login deadline and the
 * idle timeout, hands PDUs to the dispatcher and decides what every error means (the one place that does).
 */
final class ClientHandler extends SimpleChannelInboundHandler<Pdu> {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final SessionRegistry registry;
    private final CommandDispatcher dispatcher;
    private final PresencePublisher presence;
    private final GatewayMetrics metrics;
    private final Duration loginTimeout;
    private final int maxConnections;
    private final ConnectionsPerAddress perAddress;
    private Session session;
    /** The address counted in {@link #perAddress}, null when none was (refused, or over the gateway's limit). */
    private String countedAddress;

    ClientHandler(SessionRegistry registry, CommandDispatcher dispatcher, PresencePublisher presence,
                  GatewayMetrics metrics, Duration loginTimeout, int maxConnections,
                  ConnectionsPerAddress perAddress) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.metrics = metrics;
        this.loginTimeout = loginTimeout;
        this.maxConnections = maxConnections;
        this.perAddress = perAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = registry.open(ctx.channel());
        if (registry.size() > maxConnections) {
            session.close(CloseReason.OVERLOAD);
            return;
        }
        String address = session.remoteAddress();
        if (!perAddress.tryAcquire(address)) {
            log.debug("connection refused, address at its limit connectionId={} address={}", session.connectionId(),
                    address);
            session.close(CloseReason.ADDRESS_LIMIT);
            return;
        }
        countedAddress = address;
        ctx.executor().schedule(() -> {
            if (!session.loggedIn()) {
                session.close(CloseReason.LOGIN_TIMEOUT);
            }
        }, loginTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Pdu pdu) {
        dispatcher.dispatch(session, pdu);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            session.close(CloseReason.IDLE);
        } else if (event == SlowConsumerHandler.SLOW_CONSUMER) {
            session.abort(CloseReason.SLOW_CONSUMER);
        } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            session.close(CloseReason.TLS_HANDSHAKE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.remove(session);
        if (countedAddress != null) {
            perAddress.release(countedAddress);
        }
        if (session.loggedIn()) {
            presence.offline(session);
        }
        metrics.connectionClosed(session.closeReason());
        log.debug("connection closed connectionId={} userId={} reason={}", session.connectionId(), session.userId(),
                session.closeReason().tag());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof FrameException frame) {
            metrics.frameRejected(frame.reason());
            log.debug("bad frame connectionId={} reason={} detail={}", session.connectionId(), frame.reason(),
                    frame.getMessage());
            session.close(CloseReason.BAD_FRAME);
        } else if (cause instanceof IOException) {
            log.debug("connection reset connectionId={} detail={}", session.connectionId(), cause.toString());
            ctx.close();
        } else {
            log.error("unexpected error connectionId={} userId={}", session.connectionId(), session.userId(), cause);
            session.close(CloseReason.ERROR);
        }
    }
}
