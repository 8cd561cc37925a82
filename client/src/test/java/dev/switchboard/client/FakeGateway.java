package dev.switchboard.client;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_LOGINOUT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_LOGINOUT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID.CID_OTHER_HEARTBEAT_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_LOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.ServiceID.SID_MSG_VALUE;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMLogin.IMLogoutRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny TeamTalk gateway on port 0 for client tests, built from the same codec. It echoes heartbeats, answers a login
 * with the password md5hex("123456") with TeamTalk's own captured IMLoginRes for user12 (id 12) and any other
 * password with result 6 and a close, and acks every IMMsgData with msg_ids 1, 2, ... Other requests get no answer,
 * so a test can answer them by hand with {@link #push}. A logout gets IMLogoutRsp and a close, as in TeamTalk.
 * Everything received is recorded. Public for the CLI tests.
 */
public final class FakeGateway implements AutoCloseable {

    public static final String PASSWORD_MD5 = "e10adc3949ba59abbe56e057f20f883e";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Pdu> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger msgIds = new AtomicInteger();
    private final Channel server;
    private volatile Channel connection;

    public FakeGateway() {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connection = channel;
                        channel.pipeline().addLast(new PduDecoder(), PduEncoder.INSTANCE, new GatewayHandler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Sends {@code pdu} to the connected client. */
    public void push(Pdu pdu) {
        connection().writeAndFlush(pdu).syncUninterruptibly();
    }

    /** Sends raw frame bytes to the connected client. */
    public void pushFrame(byte[] frame) {
        connection().writeAndFlush(Unpooled.wrappedBuffer(frame)).syncUninterruptibly();
    }

    public void closeConnection() {
        connection().close().syncUninterruptibly();
    }

    /** The first received PDU with {@code commandId}, waiting for it. */
    public Pdu awaitReceived(int commandId) {
        return await().until(() -> firstReceived(commandId), Optional::isPresent).orElseThrow();
    }

    public List<Pdu> received() {
        return List.copyOf(received);
    }

    private Optional<Pdu> firstReceived(int commandId) {
        return received.stream().filter(pdu -> pdu.commandId() == commandId).findFirst();
    }

    private Channel connection() {
        await().until(() -> connection != null);
        return connection;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class GatewayHandler extends SimpleChannelInboundHandler<Pdu> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Pdu pdu) throws InvalidProtocolBufferException {
            received.add(pdu);
            switch (pdu.commandId()) {
                case CID_OTHER_HEARTBEAT_VALUE -> ctx.writeAndFlush(pdu);
                case CID_LOGIN_REQ_USERLOGIN_VALUE -> answerLogin(ctx, pdu);
                case CID_MSG_DATA_VALUE -> ctx.writeAndFlush(ack(pdu));
                case CID_LOGIN_REQ_LOGINOUT_VALUE -> ctx.writeAndFlush(Pdu.of(SID_LOGIN_VALUE,
                                CID_LOGIN_RES_LOGINOUT_VALUE, pdu.seq(), IMLogoutRsp.newBuilder().setResultCode(0).build()))
                        .addListener(ChannelFutureListener.CLOSE);
                default -> { }
            }
        }

        private void answerLogin(ChannelHandlerContext ctx, Pdu request) throws InvalidProtocolBufferException {
            if (IMLoginReq.parseFrom(request.body()).getPassword().equals(PASSWORD_MD5)) {
                ctx.writeAndFlush(GoldenFrames.pdu(GoldenFrames.LOGIN_RESPONSE).withSeq(request.seq()));
                return;
            }
            IMLoginRes refused = IMLoginRes.newBuilder()
                    .setServerTime(1)
                    .setResultCode(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED)
                    .setResultString("用户名/密码错误")
                    .build();
            ctx.writeAndFlush(Pdu.of(SID_LOGIN_VALUE, CID_LOGIN_RES_USERLOGIN_VALUE, request.seq(), refused))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        private Pdu ack(Pdu request) throws InvalidProtocolBufferException {
            IMMsgData message = IMMsgData.parseFrom(request.body());
            IMMsgDataAck ack = IMMsgDataAck.newBuilder()
                    .setUserId(12)
                    .setSessionId(message.getToSessionId())
                    .setMsgId(msgIds.incrementAndGet())
                    .setSessionType(SessionType.SESSION_TYPE_SINGLE)
                    .build();
            return Pdu.of(SID_MSG_VALUE, CID_MSG_DATA_ACK_VALUE, request.seq(), ack);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
