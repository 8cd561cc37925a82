package dev.switchboard.gateway.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@code SslHandler} until the handshake ends: a failed handshake (plain TCP on the TLS port,
 * timeout, protocol error) is counted by reason and closes the connection, and the errors the failure raises stop
 * here, so the client handler, which logs unexpected errors, never sees them. Removes itself after a successful
 * handshake.
 */
final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakeHandler.class);

    private final TlsMetrics metrics;

    TlsHandshakeHandler(TlsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                String reason = reason(ctx, completion.cause());
                metrics.handshakeFailed(reason);
                log.debug("tls handshake failed remote={} reason={} detail={}", ctx.channel().remoteAddress(),
                        reason, completion.cause().toString());
                ctx.fireUserEventTriggered(event); // the client handler closes with reason tls_handshake
                ctx.close();
                return;
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the handshake has not completed (this handler is gone after it): its completion event counts the failure
        log.trace("tls error before the handshake completed remote={}", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private static String reason(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return "timeout";
        }
        if (cause instanceof NotSslRecordException || cause.getCause() instanceof NotSslRecordException) {
            return "not_tls";
        }
        return ctx.channel().isActive() ? "protocol" : "closed";
    }
}
