package dev.switchboard.client;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID.CID_OTHER_HEARTBEAT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_LOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_MSG_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_OTHER_VALUE;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMOther.IMHeartBeat;
import dev.switchboard.pdu.Pdu;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A TeamTalk protocol client over one TCP connection, for tests and the terminal client.
 *
 * <p>Requests get the next seq (1..65535, wrapping to 1) and complete with the first incoming PDU echoing it, as
 * TeamTalk servers answer. Everything else (notifications, messages from peers, kicks) goes to an incoming queue that
 * {@link #awaitIncoming} takes from by command id. An incoming {@code IMMsgData} is never taken as an answer, because
 * TeamTalk forwards a message to the sender's other devices with the sender's seq (PROTOCOL.md §5.8); the client
 * acknowledges it with {@code IMMsgDataAck} unless {@link #autoAck(boolean) autoAck(false)}.
 *
 * <p>Blocking calls wait at most {@link #DEFAULT_TIMEOUT} and throw {@link TeamTalkClientException} on timeout or
 * close. All connections share one daemon event loop group. Thread-safe.
 */
public final class TeamTalkClient implements AutoCloseable {

    /** How long blocking calls wait for an answer: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(TeamTalkClient.class);

    private final PendingRequests pending = new PendingRequests();
    private final IncomingQueue incoming = new IncomingQueue();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean autoAck = true;
    private volatile int userId;
    private volatile ScheduledFuture<?> heartbeats;

    private TeamTalkClient() {
    }

    /** Connects to a TeamTalk gateway, waiting at most {@link #DEFAULT_TIMEOUT}. */
    public static TeamTalkClient connect(String host, int port) {
        return connect(host, port, DEFAULT_TIMEOUT);
    }

    /** Connects to a TeamTalk gateway; throws {@link TeamTalkClientException} when that fails within timeout. */
    public static TeamTalkClient connect(String host, int port, Duration timeout) {
        return connect(host, port, timeout, null);
    }

    /**
     * Connects to a TeamTalk gateway over TLS when {@code tls} is given (plain TCP when null), returning after the
     * handshake; throws {@link TeamTalkClientException} when either fails within timeout (e.g. an untrusted
     * certificate, or a gateway that does not speak TLS).
     */
    public static TeamTalkClient connect(String host, int port, Duration timeout, TlsTrust tls) {
        TeamTalkClient client = new TeamTalkClient();
        ChannelFuture connected = new Bootstrap()
                .group(ClientEventLoop.GROUP)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ClientInitializer(client, tls, host, port))
                .connect(host, port);
        if (!connected.awaitUninterruptibly(timeout.toMillis() + 1000) || !connected.isSuccess()) {
            connected.channel().close();
            Throwable cause = connected.cause();
            String reason = cause == null ? "timeout after " + timeout : String.valueOf(cause.getMessage());
            throw new TeamTalkClientException("cannot connect to " + host + ":" + port + ": " + reason, cause);
        }
        SslHandler ssl = connected.channel().pipeline().get(SslHandler.class);
        if (ssl != null) {
            Future<Channel> handshake = ssl.handshakeFuture();
            if (!handshake.awaitUninterruptibly(timeout.toMillis()) || !handshake.isSuccess()) {
                connected.channel().close();
                Throwable cause = handshake.cause();
                String reason = cause == null ? "timeout after " + timeout : String.valueOf(cause.getMessage());
                throw new TeamTalkClientException("tls handshake with " + host + ":" + port + " failed: " + reason,
                        cause);
            }
        }
        return client;
    }

    /** Sends a request with the next seq; completes with the answer, or exceptionally when the connection closes. */
    public CompletableFuture<Pdu> request(int serviceId, int commandId, MessageLite body) {
        int seq = pending.nextSeq();
        CompletableFuture<Pdu> answer = pending.register(seq);
        channel.writeAndFlush(Pdu.of(serviceId, commandId, seq, body)).addListener(written -> {
            if (!written.isSuccess()) {
                answer.completeExceptionally(new TeamTalkClientException("connection closed", written.cause()));
            }
        });
        return answer;
    }

    /** Writes {@code pdu} as it is (its own seq, no answer awaited); completes when written. */
    public CompletableFuture<Void> send(Pdu pdu) {
        return Answers.completion(channel.writeAndFlush(pdu));
    }

    /** Writes raw bytes, bypassing the frame encoder: for malformed-frame tests. */
    public CompletableFuture<Void> sendBytes(byte[] bytes) {
        return Answers.completion(channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    /** Logs in with the plain password, sent as its lowercase md5 hex like TeamTalk clients do (§8.1). */
    public IMLoginRes login(String userName, String password, ClientType clientType) {
        return loginWithDigest(userName, PasswordDigest.md5Hex(password), clientType);
    }

    /** Logs in like {@link #login(String, String, ClientType)}, announcing {@code onlineStatus} (e.g. LEAVE). */
    public IMLoginRes login(String userName, String password, ClientType clientType, UserStatType onlineStatus) {
        return sendLogin(ClientMessages.loginRequest(userName, PasswordDigest.md5Hex(password), clientType,
                onlineStatus));
    }

    /**
     * Logs in with an already-hashed password and returns the server's answer, whatever its result code; on success
     * {@link #userId()} is the logged-in user's id.
     */
    public IMLoginRes loginWithDigest(String userName, String passwordMd5Hex, ClientType clientType) {
        return sendLogin(ClientMessages.loginRequest(userName, passwordMd5Hex, clientType));
    }

    private IMLoginRes sendLogin(IMLoginReq request) {
        String userName = request.getUserName();
        CompletableFuture<Pdu> answer = request(SID_LOGIN_VALUE, CID_LOGIN_REQ_USERLOGIN_VALUE, request);
        IMLoginRes response = Answers.await(
                Answers.parsed(answer, CID_LOGIN_RES_USERLOGIN_VALUE, IMLoginRes.parser()),
                DEFAULT_TIMEOUT, "login of " + userName);
        if (response.getResultCode() == ResultType.REFUSE_REASON_NONE && response.hasUserInfo()) {
            userId = response.getUserInfo().getUserId();
        }
        return response;
    }

    /** Sends a single-chat text message (encrypted with {@link TeamTalkCipher}) and waits for the server's ack. */
    public IMMsgDataAck sendText(int toUserId, String text) {
        return Answers.await(sendTextAsync(toUserId, text), DEFAULT_TIMEOUT, "message to " + toUserId);
    }

    /** Sends a single-chat text message; completes with the server's ack (which carries the msg_id). */
    public CompletableFuture<IMMsgDataAck> sendTextAsync(int toUserId, String text) {
        CompletableFuture<Pdu> answer =
                request(SID_MSG_VALUE, CID_MSG_DATA_VALUE, ClientMessages.singleText(toUserId, text));
        return Answers.parsed(answer, CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser());
    }

    /**
     * Sends a group text message; completes with the server's ack (which carries the group's msg_id). A sender who is
     * not a member gets no ack, as in TeamTalk.
     */
    public CompletableFuture<IMMsgDataAck> sendGroupTextAsync(int groupId, String text) {
        CompletableFuture<Pdu> answer =
                request(SID_MSG_VALUE, CID_MSG_DATA_VALUE, ClientMessages.groupText(groupId, text));
        return Answers.parsed(answer, CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser());
    }

    /** Sends a heartbeat (0x0701, empty body); completes with the server's echo. */
    public CompletableFuture<Pdu> heartbeat() {
        return request(SID_OTHER_VALUE, CID_OTHER_HEARTBEAT_VALUE, IMHeartBeat.getDefaultInstance());
    }

    /** Sends a heartbeat every {@code interval} until the connection closes (replacing any earlier schedule). */
    public void startHeartbeats(Duration interval) {
        stopHeartbeats();
        long millis = interval.toMillis();
        heartbeats = channel.eventLoop().scheduleAtFixedRate(
                () -> heartbeat().orTimeout(millis, TimeUnit.MILLISECONDS), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the oldest queued incoming PDU with {@code commandId}, waiting up to {@code timeout}; other PDUs stay
     * queued. Throws {@link TeamTalkClientException} on timeout or when the connection closed without one.
     */
    public Pdu awaitIncoming(int commandId, Duration timeout) {
        return pollIncoming(commandId, timeout).orElseThrow(() -> new TeamTalkClientException(
                "%s: no incoming cid=0x%04x within %s".formatted(isOpen() ? "timeout" : "connection closed",
                        commandId, Answers.describe(timeout))));
    }

    /** Like {@link #awaitIncoming(int, Duration)}, parsing the body (leniently: missing required fields allowed). */
    public <T extends MessageLite> T awaitIncoming(int commandId, Parser<T> parser, Duration timeout) {
        return Answers.parse(awaitIncoming(commandId, timeout), commandId, parser);
    }

    /** Like {@link #awaitIncoming(int, Duration)} but empty on timeout or close: for asserting nothing arrives. */
    public Optional<Pdu> pollIncoming(int commandId, Duration timeout) {
        try {
            return incoming.poll(commandId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamTalkClientException("interrupted waiting for incoming cid=" + commandId, e);
        }
    }

    /**
     * Takes queued incoming PDUs with {@code commandId}, oldest first, until one whose body matches, waiting up to
     * {@code timeout}; those that do not match are dropped. Empty on timeout or close. For notices that every client
     * receives (status notices), to pick out the one about a given user.
     */
    public <T extends MessageLite> Optional<T> pollIncoming(int commandId, Parser<T> parser, Predicate<T> match,
                                                            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Pdu> pdu = pollIncoming(commandId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (pdu.isEmpty()) {
                return Optional.empty();
            }
            T body = Answers.parse(pdu.get(), commandId, parser);
            if (match.test(body)) {
                return Optional.of(body);
            }
        }
    }

    /** The incoming PDUs not taken yet, oldest first. */
    public List<Pdu> incoming() {
        return incoming.snapshot();
    }

    /** Calls {@code listener} on the event loop for every incoming PDU (it is queued as well); must not block. */
    public void onIncoming(Consumer<Pdu> listener) {
        incoming.addListener(listener);
    }

    /** Whether received {@code IMMsgData} are acknowledged automatically (default true). */
    public TeamTalkClient autoAck(boolean enabled) {
        autoAck = enabled;
        return this;
    }

    /** Completes when the connection has closed, after pending requests failed. */
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** Waits until the connection is closed (by either side); false on timeout. */
    public boolean awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** The logged-in user's id; 0 before a successful login. */
    public int userId() {
        return userId;
    }

    /** Closes the connection; waits for it unless called on the event loop (e.g. from a listener). */
    @Override
    public void close() {
        stopHeartbeats();
        ChannelFuture closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(DEFAULT_TIMEOUT.toMillis());
        }
    }

    @Override
    public String toString() {
        return "TeamTalkClient[userId=" + userId + " remote=" + channel.remoteAddress() + "]";
    }

    void attach(Channel connection) {
        this.channel = connection;
    }

    /** Called on the event loop for every decoded PDU. */
    void received(Pdu pdu) {
        boolean message = pdu.commandId() == CID_MSG_DATA_VALUE;
        if (!message && pending.complete(pdu)) {
            return;
        }
        if (message && autoAck) {
            acknowledge(pdu);
        }
        incoming.add(pdu);
    }

    void connectionClosed() {
        stopHeartbeats();
        pending.failAll(new TeamTalkClientException("connection closed"));
        incoming.close();
        closed.complete(null);
        log.debug("connection closed userId={}", userId);
    }

    private void acknowledge(Pdu pdu) {
        try {
            IMMsgData message = IMMsgData.parser().parsePartialFrom(pdu.body());
            IMMsgDataAck ack = ClientMessages.deliveryAck(userId, message);
            send(Pdu.of(SID_MSG_VALUE, CID_MSG_DATA_ACK_VALUE, pending.nextSeq(), ack));
        } catch (InvalidProtocolBufferException e) {
            log.warn("unparsable msg data not acknowledged seq={} userId={}", pdu.seq(), userId);
        }
    }

    private void stopHeartbeats() {
        ScheduledFuture<?> scheduled = heartbeats;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
