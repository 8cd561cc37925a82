package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a client that stops reading from costing the gateway unbounded memory. The write buffer water marks make the
 * channel unwritable above the high mark (writable again below the low one); a connection that stays unwritable for
 * the slow-consumer timeout is closed, and a write that would queue more than the hard limit is dropped (counted in
 * {@code im.gateway.writes.dropped{reason=slow_consumer}}) and the connection closed at once. Either way
 * {@link #SLOW_CONSUMER} goes up the pipeline, where {@link ClientHandler} closes the session without flushing (the
 * client would never take the rest). A dropped message is in history and unread, where the client finds it on its
 * next pull. The first handler of the pipeline: it sees encoded bytes.
 */
final class SlowConsumerHandler extends ChannelDuplexHandler {

    /** The user event asking for the connection to be closed as a slow consumer. */
    static final Object SLOW_CONSUMER = new Object() {
        @Override
        public String toString() {
            return "SLOW_CONSUMER";
        }
    };

    private final WriteBufferWaterMark waterMark;
    private final long limit;
    private final long timeoutMillis;
    private final GatewayMetrics metrics;
    private ScheduledFuture<?> unwritableTimer;
    private boolean slow;

    SlowConsumerHandler(long lowWaterMark, long highWaterMark, long limit, Duration timeout, GatewayMetrics metrics) {
        this.waterMark = new WriteBufferWaterMark((int) lowWaterMark, (int) highWaterMark);
        this.limit = limit;
        this.timeoutMillis = timeout.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().config().setWriteBufferWaterMark(waterMark);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        long queued = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        long size = msg instanceof ByteBuf bytes ? bytes.readableBytes() : 0;
        if (slow || queued + size > limit) {
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new IllegalStateException("slow consumer: write dropped"));
            }
            metrics.writeDropped("slow_consumer");
            closeSlow(ctx);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            if (unwritableTimer == null) {
                unwritableTimer = ctx.executor().schedule(() -> {
                    unwritableTimer = null;
                    if (!ctx.channel().isWritable()) {
                        closeSlow(ctx);
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } else if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
        ctx.fireChannelInactive();
    }

    private void closeSlow(ChannelHandlerContext ctx) {
        if (!slow) {
            slow = true;
            ctx.fireUserEventTriggered(SLOW_CONSUMER);
        }
    }
}
