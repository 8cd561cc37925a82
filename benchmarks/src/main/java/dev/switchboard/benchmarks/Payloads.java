package dev.switchboard.benchmarks;

import com.google.protobuf.ByteString;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.proto.envelope.Delivery;
import dev.switchboard.proto.envelope.Frame;
import dev.switchboard.proto.envelope.RouteEnvelope;
import dev.switchboard.proto.envelope.Target;

import java.nio.charset.StandardCharsets;

/**
 * The realistic payloads every benchmark works on: a 1:1 text message of 100 bytes (TeamTalk clients send their text
 * AES-encrypted and base64-encoded, so it is ASCII on the wire) from user 1001 to user 1002, the client frame carrying
 * it, the route envelope a gateway publishes for it and the delivery records route-service makes of it.
 */
public final class Payloads {

    public static final int FROM = 1001;
    public static final int TO = 1002;
    public static final int MSG_ID = 4711;
    public static final int CREATE_TIME = 1_760_000_000;
    /** Connection ids as a gateway makes them: start time in seconds in the high 32 bits, a counter in the low. */
    public static final long CONNECTION_BASE = (long) CREATE_TIME << 32;

    /** 100 bytes of base64 text. */
    public static final ByteString TEXT = ByteString.copyFrom(
            "U2FsdGVkX1+q3vYy0bA7kVn4M2c8dG9wLXNlY3JldC1tZXNzYWdlLWJvZHktZm9yLWJlbmNobWFya3MtMTAwLWJ5dGVzLWxvbmc=",
            StandardCharsets.US_ASCII);

    private Payloads() {
    }

    /** The message as the sending client writes it (no msg_id; TeamTalk clients set create_time). */
    public static IMMsgData clientMessage() {
        return IMMsgData.newBuilder()
                .setFromUserId(FROM)
                .setToSessionId(TO)
                .setMsgId(0)
                .setCreateTime(CREATE_TIME)
                .setMsgType(MsgType.MSG_TYPE_SINGLE_TEXT)
                .setMsgData(TEXT)
                .build();
    }

    /** The message as the gateway stamps it: msg_id assigned. */
    public static IMMsgData stampedMessage() {
        return clientMessage().toBuilder().setMsgId(MSG_ID).build();
    }

    /** The client's IMMsgData frame (SID_MSG, CID_MSG_DATA 0x0301). */
    public static Pdu clientFrame(int seq) {
        return Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, seq, clientMessage());
    }

    /** The envelope a gateway publishes to im.route for the stamped message. */
    public static RouteEnvelope routeEnvelope() {
        return RouteEnvelope.newBuilder()
                .setFrame(Frame.newBuilder()
                        .setServiceId(ServiceID.SID_MSG_VALUE)
                        .setCommandId(MessageCmdID.CID_MSG_DATA_VALUE)
                        .setBody(stampedMessage().toByteString()))
                .setFromUserId(FROM)
                .setSessionType(SessionType.SESSION_TYPE_SINGLE_VALUE)
                .setToId(TO)
                .setMsgId(MSG_ID)
                .setCreateTime(CREATE_TIME)
                .setOriginGatewayId("gw-0")
                .setOriginConnectionId(CONNECTION_BASE | 1)
                .setPublishedAtMillis(CREATE_TIME * 1000L)
                .build();
    }

    /**
     * The delivery record route-service makes for one gateway holding {@code targets} connections of the recipient,
     * connection ids {@code CONNECTION_BASE | 1..targets}.
     */
    public static Delivery delivery(int targets) {
        long[] connectionIds = new long[targets];
        for (int i = 0; i < targets; i++) {
            connectionIds[i] = CONNECTION_BASE | (i + 1);
        }
        return delivery(connectionIds);
    }

    /** The delivery record route-service makes for one gateway holding these connections of the recipient. */
    public static Delivery delivery(long... connectionIds) {
        RouteEnvelope envelope = routeEnvelope();
        Delivery.Builder delivery = Delivery.newBuilder()
                .setFrame(envelope.getFrame().toBuilder().setSeq(0))
                .setMsgId(envelope.getMsgId())
                .setSessionType(envelope.getSessionType())
                .setPublishedAtMillis(envelope.getPublishedAtMillis());
        for (long connectionId : connectionIds) {
            delivery.addTargets(Target.newBuilder().setUserId(TO).setConnectionId(connectionId).setPeerId(FROM));
        }
        return delivery.build();
    }
}
