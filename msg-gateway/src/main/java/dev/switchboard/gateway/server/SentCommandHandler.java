package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.pdu.Pdu;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Counts every PDU written to a client by its command id ({@code im.gateway.commands.sent{command}}), whoever writes
 * it: answers, deliveries, notices, kicks. A write reaches it before the encoder, so it sees {@link Pdu}s; it passes
 * each on untouched.
 */
@Sharable
final class SentCommandHandler extends ChannelOutboundHandlerAdapter {

    private final GatewayMetrics metrics;

    SentCommandHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Pdu pdu) {
            metrics.commandSent(pdu.commandId());
        }
        ctx.write(msg, promise);
    }
}
