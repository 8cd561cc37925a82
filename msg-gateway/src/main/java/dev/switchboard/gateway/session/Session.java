package dev.switchboard.gateway.session;

import dev.switchboard.pdu.Pdu;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection. Login state is written once on the connection's event loop and read from any thread; the
 * pending-ack list and the rate counter are confined to the event loop.
 */
public final class Session {

    /** Name of the idle-timeout handler in the pipeline. */
    public static final String IDLE_HANDLER = "idle";

    private final long connectionId;
    private final Channel channel;
    private volatile long userId;
    private volatile int clientType;
    private volatile int status;
    private volatile long loginMillis;
    private volatile boolean loginStarted;
    private volatile CloseReason closeReason;
    /** "{conversation}:{msgId}" -> delivery time, insertion ordered; event loop only. */
    private final Map<String, Long> pendingAcks = new LinkedHashMap<>();
    /** Whether {@link #pendingAcks} may be non-empty, readable from any thread (the sweeper skips idle sessions). */
    private volatile boolean awaitingAcks;
    private final SentMessages sentMessages = new SentMessages();
    /**
     * Message deliveries that arrived between the login's acceptance and its answer, written right after the
     * {@code IMLoginRes} (a client must see its login answered first); null when not holding. Event loop only.
     */
    private List<Runnable> heldUntilAnswered;
    private long rateWindowStart;
    private int messagesInWindow;
    private long requestWindowStart;
    private int requestsInWindow;

    public Session(long connectionId, Channel channel) {
        this.connectionId = connectionId;
        this.channel = channel;
    }

    public long connectionId() {
        return connectionId;
    }

    public long userId() {
        return userId;
    }

    public int clientType() {
        return clientType;
    }

    public int status() {
        return status;
    }

    /** When the login was accepted, epoch millis; 0 before. */
    public long loginMillis() {
        return loginMillis;
    }

    public boolean loggedIn() {
        return userId != 0;
    }

    public boolean mobile() {
        return (clientType & 0x10) == 0x10;
    }

    /** The client's IP address as text (the TCP peer), "unknown" when the channel has none. */
    public String remoteAddress() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress()
                : "unknown";
    }

    public boolean open() {
        return channel.isActive();
    }

    /** Marks the login as started; false if one was already started (TeamTalk ignores a second login). */
    public boolean startLogin() {
        if (loginStarted) {
            return false;
        }
        loginStarted = true;
        return true;
    }

    public void loggedIn(long newUserId, int newClientType, int newStatus) {
        this.loginMillis = System.currentTimeMillis();
        this.clientType = newClientType;
        this.status = newStatus;
        this.userId = newUserId;
    }

    /** Writes and flushes a PDU; safe from any thread. */
    public void send(Pdu pdu) {
        channel.writeAndFlush(pdu, channel.voidPromise());
    }

    /**
     * The conversation a delivery belongs to, as the client's acks name it: the session type and the peer (user or
     * group: ids of the two are separate number spaces, so the type is part of the key).
     */
    public static long conversation(int sessionType, long peerId) {
        return ((long) sessionType << 32) | (peerId & 0xFFFFFFFFL);
    }

    /**
     * Writes a message delivery and remembers it until the client acknowledges it; safe from any thread.
     *
     * @param conversation see {@link #conversation(int, long)}
     * @param written      runs on the event loop once the frame is written and flushed (handed to the socket)
     */
    public void deliver(Pdu pdu, long conversation, long msgId, long nowMillis, Runnable written) {
        channel.eventLoop().execute(() -> {
            if (heldUntilAnswered != null) {
                heldUntilAnswered.add(() -> write(pdu, conversation, msgId, nowMillis, written));
            } else {
                write(pdu, conversation, msgId, nowMillis, written);
            }
        });
    }

    /** {@link #deliver} on the event loop, once the login is answered. */
    private void write(Pdu pdu, long conversation, long msgId, long nowMillis, Runnable written) {
        if (msgId != 0) {
            String key = conversation + ":" + msgId;
            pendingAcks.remove(key); // a redelivery moves to the end: expirePendingAcks relies on time order
            pendingAcks.put(key, nowMillis);
            awaitingAcks = true;
        }
        channel.writeAndFlush(pdu, channel.voidPromise());
        written.run();
    }

    /**
     * From now until {@link #answerLogin}, message deliveries are held instead of written (event loop): the login is
     * accepted, presence may already route to this connection, but its {@code IMLoginRes} waits for presence to
     * confirm it.
     */
    public void holdDeliveriesUntilAnswered() {
        if (heldUntilAnswered == null) {
            heldUntilAnswered = new ArrayList<>();
        }
    }

    /** Writes the login's answer, then the deliveries held since {@link #holdDeliveriesUntilAnswered} (event loop). */
    public void answerLogin(Pdu response) {
        channel.writeAndFlush(response, channel.voidPromise());
        List<Runnable> held = heldUntilAnswered;
        heldUntilAnswered = null;
        if (held != null) {
            held.forEach(Runnable::run);
        }
    }

    /** Runs {@code task} on the event loop after {@code delay}. */
    public void scheduleOnEventLoop(Runnable task, java.time.Duration delay) {
        channel.eventLoop().schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The client acknowledged a delivery (event loop). Returns whether it was pending. */
    public boolean acknowledged(long conversation, long msgId) {
        boolean pending = pendingAcks.remove(conversation + ":" + msgId) != null;
        if (pending && pendingAcks.isEmpty()) {
            awaitingAcks = false;
        }
        return pending;
    }

    /** Drops deliveries older than the deadline (event loop); returns how many. */
    public int expirePendingAcks(long deadlineMillis) {
        int expired = 0;
        for (Iterator<Long> it = pendingAcks.values().iterator(); it.hasNext(); ) {
            if (it.next() > deadlineMillis) {
                break;
            }
            it.remove();
            expired++;
        }
        awaitingAcks = !pendingAcks.isEmpty();
        return expired;
    }

    /** Whether deliveries may be awaiting the client's ack; any thread (a hint, exact on the event loop). */
    public boolean awaitingAcks() {
        return awaitingAcks;
    }

    public int pendingAckCount() {
        return pendingAcks.size();
    }

    /** What this connection sent recently, to recognise a resend with the same seq (event loop). */
    public SentMessages sentMessages() {
        return sentMessages;
    }

    /** Counts one message against the per-second limit (event loop); false when over the limit. */
    public boolean tryAcquireMessage(long nowMillis, int perSecond) {
        if (nowMillis - rateWindowStart >= 1000) {
            rateWindowStart = nowMillis;
            messagesInWindow = 0;
        }
        return ++messagesInWindow <= perSecond;
    }

    /** Counts one request against the per-second request limit (event loop); false when over the limit. */
    public boolean tryAcquireRequest(long nowMillis, int perSecond) {
        if (nowMillis - requestWindowStart >= 1000) {
            requestWindowStart = nowMillis;
            requestsInWindow = 0;
        }
        return ++requestsInWindow <= perSecond;
    }

    /** Closes the connection after what was written so far is flushed. The first reason given wins. */
    public void close(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes the connection at once, discarding what is still queued (a client that does not read would never take
     * it). The first reason given wins.
     */
    public void abort(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    /** Bytes written to this connection and not yet taken by the socket (readable from any thread). */
    public long queuedBytes() {
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Why the connection was closed, {@link CloseReason#PEER_CLOSED} when the gateway did not close it. */
    public CloseReason closeReason() {
        return closeReason == null ? CloseReason.PEER_CLOSED : closeReason;
    }

    /** Replaces the idle timeout (mobile clients get a longer one after login); event loop. */
    public void idleTimeout(java.time.Duration timeout) {
        channel.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER, idleHandler(timeout));
    }

    /** The pipeline handler that closes idle connections, named {@link #IDLE_HANDLER}. */
    public static io.netty.handler.timeout.IdleStateHandler idleHandler(java.time.Duration timeout) {
        return new io.netty.handler.timeout.IdleStateHandler(timeout.toMillis(), 0, 0,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void executeOnEventLoop(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public String toString() {
        return "Session[connectionId=" + connectionId + ", userId=" + userId + ", clientType=" + clientType + "]";
    }
}
