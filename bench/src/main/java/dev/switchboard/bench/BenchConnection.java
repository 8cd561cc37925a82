package dev.switchboard.bench;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID.CID_OTHER_HEARTBEAT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_LOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_MSG_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_OTHER_VALUE;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.collection.IntObjectHashMap;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated TeamTalk PC client, lean enough for 100,000 of them in one JVM: its own pipeline handler on the
 * {@link Fleet}'s shared event loops, no queues, no threads. It logs in ({@code IMLoginReq} with the password's md5
 * hex, the fleet's client type, online), sends a heartbeat every 30 s, sends {@code IMMsgData} and matches the server's
 * {@code IMMsgDataAck} by seq (a 256-slot ring per sending connection), and answers every delivered message with
 * {@code IMMsgDataAck} as a TeamTalk client does (session = the peer, or the group). Other notices are ignored.
 *
 * <p>A message's {@code msg_data} (what TeamTalk clients encrypt; servers store it opaque) is {@link #PAYLOAD_LENGTH}
 * bytes: a magic, the run's message index and its intended send time ({@link System#nanoTime()}: the generator is one
 * process, so every connection shares the clock). Every field is touched on the channel's event loop only.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {

    static final int PAYLOAD_LENGTH = 20;
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final int MAGIC = 0x5342_4E31; // "SBN1"
    private static final int RING = 256;
    private static final String CLIENT_VERSION = "switchboard-bench";

    private final Fleet fleet;
    private final Fleet.Planned plan;
    private final CompletableFuture<BenchConnection> login = new CompletableFuture<>();
    private Channel channel;
    private volatile int userId;
    private int nextSeq;
    private long loginStartNanos;
    private IntObjectHashMap<CompletableFuture<Pdu>> requests;
    private int[] ringSeq;
    private long[] ringIndex;
    private long[] ringIntended;
    private BitSet received;
    private volatile boolean closing;

    BenchConnection(Fleet fleet, Fleet.Planned plan) {
        this.fleet = fleet;
        this.plan = plan;
    }

    Fleet.Planned plan() {
        return plan;
    }

    /** The user id the server answered the login with; 0 before. */
    int userId() {
        return userId;
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    /**
     * Connects and logs in; completes with this connection once logged in, or exceptionally with a
     * {@link BenchFailure} naming what failed. {@code loginNanos()} is then the time it took.
     */
    CompletableFuture<BenchConnection> start(Bootstrap bootstrap, String passwordMd5, Duration timeout) {
        loginStartNanos = System.nanoTime();
        Bootstrap own = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new PduDecoder(), PduEncoder.INSTANCE, BenchConnection.this);
            }
        });
        ChannelFuture connecting = plan.local() == null ? own.connect(plan.remote())
                : own.connect(plan.remote(), plan.local());
        channel = connecting.channel();
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                login.completeExceptionally(new BenchFailure("connect_failed", connected.cause()));
                return;
            }
            sendLogin(passwordMd5);
            channel.eventLoop().schedule(() -> {
                if (login.completeExceptionally(new BenchFailure("login_timeout", null))) {
                    close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        return login;
    }

    /** Nanoseconds from the connect attempt to the login answer. */
    long loginNanos(long nowNanos) {
        return nowNanos - loginStartNanos;
    }

    private void sendLogin(String passwordMd5) {
        IMLoginReq request = IMLoginReq.newBuilder()
                .setUserName(plan.userName())
                .setPassword(passwordMd5)
                .setOnlineStatus(UserStatType.USER_STATUS_ONLINE)
                .setClientType(fleet.clientType())
                .setClientVersion(CLIENT_VERSION)
                .build();
        request(SID_LOGIN_VALUE, CID_LOGIN_REQ_USERLOGIN_VALUE, request).whenComplete((answer, error) -> {
            if (error != null) {
                login.completeExceptionally(error instanceof BenchFailure ? error
                        : new BenchFailure(LoginFailures.CLOSED_DURING_LOGIN, error));
                return;
            }
            IMLoginRes response;
            try {
                response = IMLoginRes.parser().parsePartialFrom(answer.body());
            } catch (InvalidProtocolBufferException e) {
                login.completeExceptionally(new BenchFailure("login_malformed", e));
                return;
            }
            if (response.getResultCode() != ResultType.REFUSE_REASON_NONE || !response.hasUserInfo()) {
                String kind = "login_rejected_" + response.getResultCode().getNumber();
                login.completeExceptionally(new BenchFailure(kind, null));
                close();
                return;
            }
            userId = response.getUserInfo().getUserId();
            long first = ThreadLocalRandom.current().nextLong(HEARTBEAT.toMillis()) + 1;
            channel.eventLoop().scheduleAtFixedRate(this::heartbeat, first, HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            login.complete(this);
        });
    }

    /**
     * Sends a request with the next seq; completes with the answer echoing that seq, or exceptionally when the
     * connection closes first. Callable from any thread.
     */
    CompletableFuture<Pdu> request(int serviceId, int commandId, MessageLite body) {
        CompletableFuture<Pdu> answer = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                answer.completeExceptionally(new BenchFailure("closed", null));
                return;
            }
            int seq = nextSeq();
            if (requests == null) {
                requests = new IntObjectHashMap<>(4);
            }
            requests.put(seq, answer);
            channel.writeAndFlush(Pdu.of(serviceId, commandId, seq, body), channel.voidPromise());
        });
        return answer;
    }

    /**
     * Sends one message to {@code toId} (a user, or a group when {@code group}); must run on this connection's event
     * loop ({@link #execute}).
     */
    void send(int toId, boolean group, long index, long intendedNanos) {
        if (!channel.isActive()) {
            fleet.stats().error("send_on_closed");
            return;
        }
        int seq = nextSeq();
        if (ringSeq == null) {
            ringSeq = new int[RING];
            ringIndex = new long[RING];
            ringIntended = new long[RING];
        }
        int slot = seq & (RING - 1);
        ringSeq[slot] = seq;
        ringIndex[slot] = index;
        ringIntended[slot] = intendedNanos;
        byte[] payload = ByteBuffer.allocate(PAYLOAD_LENGTH).putInt(MAGIC).putLong(index).putLong(intendedNanos)
                .array();
        IMMsgData message = IMMsgData.newBuilder()
                .setFromUserId(userId)
                .setToSessionId(toId)
                .setMsgId(0)
                .setCreateTime((int) (System.currentTimeMillis() / 1000))
                .setMsgType(group ? MsgType.MSG_TYPE_GROUP_TEXT : MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(ByteString.copyFrom(payload))
                .build();
        channel.writeAndFlush(Pdu.of(SID_MSG_VALUE, CID_MSG_DATA_VALUE, seq, message), channel.voidPromise());
        fleet.stats().sent();
    }

    /** Runs {@code task} on this connection's event loop. */
    void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Pdu pdu = (Pdu) msg;
        switch (pdu.commandId()) {
            case CID_MSG_DATA_VALUE -> delivered(ctx, pdu);
            case CID_MSG_DATA_ACK_VALUE -> acked(pdu);
            case CID_OTHER_HEARTBEAT_VALUE -> {
                // the server's heartbeat echo: neither an answer awaited nor a notice
            }
            default -> {
                CompletableFuture<Pdu> answer = requests == null ? null : requests.remove(pdu.seq());
                if (answer != null) {
                    answer.complete(pdu);
                } else {
                    fleet.stats().notices.increment();
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing && login.isDone() && !login.isCompletedExceptionally()) {
            fleet.stats().error("disconnected");
        }
        login.completeExceptionally(new BenchFailure(LoginFailures.CLOSED_DURING_LOGIN, null));
        if (requests != null) {
            requests.values().forEach(answer -> answer.completeExceptionally(new BenchFailure("closed", null)));
            requests.clear();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closing) {
            fleet.stats().error("io_error");
        }
        ctx.close();
    }

    /** Closes the connection on purpose: its end is no error. */
    void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }

    private void acked(Pdu pdu) {
        long now = System.nanoTime();
        int slot = pdu.seq() & (RING - 1);
        if (ringSeq == null || ringSeq[slot] != pdu.seq() || pdu.seq() == 0) {
            fleet.stats().error("unmatched_ack");
            return;
        }
        ringSeq[slot] = 0;
        long index = ringIndex[slot];
        if (fleet.table().acknowledge(index)) {
            fleet.stats().acked(index, now, now - ringIntended[slot]);
        } else {
            fleet.stats().error("duplicate_ack");
        }
    }

    private void delivered(ChannelHandlerContext ctx, Pdu pdu) {
        long now = System.nanoTime();
        IMMsgData message;
        try {
            message = IMMsgData.parser().parsePartialFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            fleet.stats().error("malformed_delivery");
            return;
        }
        boolean group = message.getMsgType() == MsgType.MSG_TYPE_GROUP_TEXT
                || message.getMsgType() == MsgType.MSG_TYPE_GROUP_AUDIO;
        IMMsgDataAck ack = IMMsgDataAck.newBuilder()
                .setUserId(userId)
                .setSessionId(group ? message.getToSessionId() : message.getFromUserId())
                .setMsgId(message.getMsgId())
                .setSessionType(group ? SessionType.SESSION_TYPE_GROUP : SessionType.SESSION_TYPE_SINGLE)
                .build();
        ctx.write(Pdu.of(SID_MSG_VALUE, CID_MSG_DATA_ACK_VALUE, nextSeq(), ack), ctx.voidPromise());
        ByteBuffer payload = message.getMsgData().asReadOnlyByteBuffer();
        if (payload.remaining() != PAYLOAD_LENGTH || payload.getInt(0) != MAGIC) {
            fleet.stats().error("foreign_message");
            return;
        }
        long index = payload.getLong(4);
        long intended = payload.getLong(12);
        if (!group && message.getToSessionId() != userId) {
            fleet.stats().error("misdelivered");
            return;
        }
        MessageTable table = fleet.table();
        if (table == null) {
            fleet.stats().error("foreign_message");
            return;
        }
        boolean known = false;
        if (table.expected() > 1 && index < Integer.MAX_VALUE) {
            if (received == null) {
                received = new BitSet();
            }
            known = received.get((int) index);
            received.set((int) index);
        }
        if (!table.deliver(index, known)) {
            fleet.stats().duplicates.increment();
            return;
        }
        fleet.stats().delivered(index, now, now - intended);
    }

    private void heartbeat() {
        if (channel.isActive()) {
            channel.writeAndFlush(Pdu.of(SID_OTHER_VALUE, CID_OTHER_HEARTBEAT_VALUE, nextSeq(), new byte[0]),
                    channel.voidPromise());
        }
    }

    /** 1..65535, wrapping to 1: TeamTalk's seq is 16 bits and 0 marks a notice. */
    private int nextSeq() {
        nextSeq = nextSeq % 65535 + 1;
        return nextSeq;
    }
}
