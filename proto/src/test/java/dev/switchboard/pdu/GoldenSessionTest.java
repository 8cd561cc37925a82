package dev.switchboard.pdu;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMUserStatNotify;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID.CID_BUDDY_LIST_STATUS_NOTIFY_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_READ_ACK_VALUE;
import static dev.switchboard.pdu.CodecChannels.decodeOne;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

/** What TeamTalk's own client and servers said to each other, as the fixtures' README describes it. */
class GoldenSessionTest {

    private static final String PASSWORD_MD5 = "e10adc3949ba59abbe56e057f20f883e";

    private final List<GoldenFrame> frames = GoldenFrames.load();

    @Test
    void user12LogsInWithTheMd5HexOfItsPassword() throws InvalidProtocolBufferException {
        IMLoginReq login = IMLoginReq.parseFrom(body(only(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE)));

        assertThat(login.getUserName()).isEqualTo("user12");
        assertThat(login.getPassword()).isEqualTo(PASSWORD_MD5);
        assertThat(login.getOnlineStatus()).isEqualTo(UserStatType.USER_STATUS_ONLINE);
        assertThat(login.getClientType()).isEqualTo(ClientType.CLIENT_TYPE_WINDOWS);
        assertThat(login.getClientVersion()).isEqualTo("1.0");
    }

    @Test
    void loginResponseEchoesTheRequestSeqAndCarriesTheUsersInfo() throws InvalidProtocolBufferException {
        GoldenFrame response = only(USER12_CONNECTION, true, CID_LOGIN_RES_USERLOGIN_VALUE);
        IMLoginRes login = IMLoginRes.parseFrom(body(response));

        assertThat(response.seq()).isEqualTo(26117)
                .isEqualTo(only(USER12_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE).seq());
        assertThat(login.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(login.getResultCode().getNumber()).isZero();
        assertThat(login.getUserInfo().getUserId()).isEqualTo(12);
        assertThat(login.getUserInfo().getUserNickName()).isEqualTo("nick12");
        assertThat(login.getOnlineStatus()).isEqualTo(UserStatType.USER_STATUS_ONLINE);
    }

    @Test
    void eachPcLoginIsAnnouncedWithStatusNotifiesOfSeqZero() throws InvalidProtocolBufferException {
        List<GoldenFrame> notifies = all(USER12_CONNECTION, true, CID_BUDDY_LIST_STATUS_NOTIFY_VALUE);

        assertThat(notifies).extracting(GoldenFrame::seq).containsOnly(0);
        IMUserStatNotify first = IMUserStatNotify.parseFrom(body(notifies.get(0)));
        IMUserStatNotify second = IMUserStatNotify.parseFrom(body(notifies.get(1)));
        assertThat(first.getUserStat().getUserId()).isEqualTo(12);
        assertThat(second.getUserStat().getUserId()).isEqualTo(11);
        assertThat(second.getUserStat().getStatus()).isEqualTo(UserStatType.USER_STATUS_ONLINE);
    }

    @Test
    void user11SendsHelloToUser12() throws InvalidProtocolBufferException {
        GoldenFrame sent = all(USER11_CONNECTION, false, CID_MSG_DATA_VALUE).get(0);
        IMMsgData message = IMMsgData.parseFrom(body(sent));

        assertThat(sent.seq()).isEqualTo(8542);
        assertThat(message.getFromUserId()).isEqualTo(11);
        assertThat(message.getToSessionId()).isEqualTo(12);
        assertThat(message.getMsgType()).isEqualTo(MsgType.MSG_TYPE_SINGLE_TEXT);
        assertThat(message.getMsgData().toStringUtf8()).isEqualTo("hello user12");
    }

    @Test
    void senderGetsAckWithItsSeqAndTheServerAssignedMsgId() throws InvalidProtocolBufferException {
        GoldenFrame ackFrame = only(USER11_CONNECTION, true, CID_MSG_DATA_ACK_VALUE);
        IMMsgDataAck ack = IMMsgDataAck.parseFrom(body(ackFrame));

        assertThat(ackFrame.seq()).isEqualTo(8542);
        assertThat(ack.getMsgId()).isEqualTo(1);
        assertThat(ack.getUserId()).isEqualTo(11);
        assertThat(ack.getSessionId()).isEqualTo(12);
        assertThat(ack.getSessionType()).isEqualTo(SessionType.SESSION_TYPE_SINGLE);
    }

    @Test
    void receiverGetsTheMessageWithSeqZeroAndMsgId() throws InvalidProtocolBufferException {
        GoldenFrame delivered = only(USER12_CONNECTION, true, CID_MSG_DATA_VALUE);
        IMMsgData message = IMMsgData.parseFrom(body(delivered));

        assertThat(delivered.seq()).isZero();
        assertThat(message.getMsgId()).isEqualTo(1);
        assertThat(message.getFromUserId()).isEqualTo(11);
        assertThat(message.getToSessionId()).isEqualTo(12);
        assertThat(message.getMsgData().toStringUtf8()).isEqualTo("hello user12");
        assertThat(message.hasAttachData()).isFalse();
    }

    @Test
    void receiverAcksAndMarksReadNamingTheSenderAsSession() throws InvalidProtocolBufferException {
        IMMsgDataAck ack = IMMsgDataAck.parseFrom(body(only(USER12_CONNECTION, false, CID_MSG_DATA_ACK_VALUE)));
        IMMsgDataReadAck read = IMMsgDataReadAck.parseFrom(
                body(only(USER12_CONNECTION, false, CID_MSG_READ_ACK_VALUE)));

        assertThat(ack.getUserId()).isEqualTo(12);
        assertThat(ack.getSessionId()).isEqualTo(11);
        assertThat(ack.getMsgId()).isEqualTo(1);
        assertThat(read.getUserId()).isEqualTo(12);
        assertThat(read.getSessionId()).isEqualTo(11);
        assertThat(read.getMsgId()).isEqualTo(1);
    }

    @Test
    void groupMessageToMissingGroupGetsNoAnswer() throws InvalidProtocolBufferException {
        GoldenFrame sent = all(USER11_CONNECTION, false, CID_MSG_DATA_VALUE).get(1);

        assertThat(IMMsgData.parseFrom(body(sent)).getMsgType()).isEqualTo(MsgType.MSG_TYPE_GROUP_TEXT);
        assertThat(frames).filteredOn(f -> f.connection() == USER11_CONNECTION && f.fromServer())
                .extracting(GoldenFrame::seq).doesNotContain(sent.seq());
    }

    @Test
    void allUsersResponseListsTwoHundredUsersIn7481Bytes() throws InvalidProtocolBufferException {
        GoldenFrame response = only(USER12_CONNECTION, true, CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE);
        IMAllUserRsp users = IMAllUserRsp.parseFrom(body(response));

        assertThat(response.frame()).hasSize(7481);
        assertThat(users.getUserId()).isEqualTo(12);
        assertThat(users.getUserListCount()).isEqualTo(200);
    }

    private static byte[] body(GoldenFrame frame) {
        return decodeOne(frame.frame()).body();
    }

    private GoldenFrame only(int connection, boolean fromServer, int commandId) {
        List<GoldenFrame> matching = all(connection, fromServer, commandId);
        assertThat(matching).as("conn %d cid 0x%04x", connection, commandId).hasSize(1);
        return matching.get(0);
    }

    private List<GoldenFrame> all(int connection, boolean fromServer, int commandId) {
        return frames.stream()
                .filter(f -> f.connection() == connection && f.fromServer() == fromServer)
                .filter(f -> f.commandId() == commandId)
                .toList();
    }
}
