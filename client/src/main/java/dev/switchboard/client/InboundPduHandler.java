package dev.switchboard.client;

import dev.switchboard.pdu.FrameException;
import dev.switchboard.pdu.Pdu;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * Last handler of a client connection: hands every decoded {@link Pdu} to its {@link TeamTalkClient}, reports the
 * close, and closes the connection on any error. A {@code Pdu} holds no buffer, so there is nothing to release.
 */
final class InboundPduHandler extends SimpleChannelInboundHandler<Pdu> {

    private static final Logger log = LoggerFactory.getLogger(InboundPduHandler.class);

    private final TeamTalkClient client;

    InboundPduHandler(TeamTalkClient client) {
        this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Pdu pdu) {
        client.received(pdu);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        client.connectionClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof FrameException frame) {
            log.warn("bad frame from server, closing reason={} remote={}",
                    frame.reason(), ctx.channel().remoteAddress());
        } else if (cause instanceof IOException) {
            log.debug("connection reset remote={}", ctx.channel().remoteAddress(), cause);
        } else if (cause.getCause() instanceof SSLException) {
            // a failed handshake: TeamTalkClient.connect reports it to the caller, with the reason
            log.debug("tls handshake failed remote={}", ctx.channel().remoteAddress(), cause);
        } else {
            log.error("client connection failed, closing remote={}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
