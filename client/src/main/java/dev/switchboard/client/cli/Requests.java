package dev.switchboard.client.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ContactSessionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupVersionInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionStatusType;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UnreadInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.UserInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserReq;
import com.mogujie.tt.protobuf.IMBuddy.IMAllUserRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionReq;
import com.mogujie.tt.protobuf.IMBuddy.IMRecentContactSessionRsp;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupInfoListRsp;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListReq;
import com.mogujie.tt.protobuf.IMGroup.IMNormalGroupListRsp;
import com.mogujie.tt.protobuf.IMLogin.IMKickPCClientReq;
import com.mogujie.tt.protobuf.IMLogin.IMKickPCClientRsp;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataReadAck;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntReq;
import com.mogujie.tt.protobuf.IMMessage.IMUnreadMsgCntRsp;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.client.TeamTalkClientException;
import dev.switchboard.pdu.Pdu;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal client's requests after login, each the TeamTalk request a desktop client sends for the same thing
 * (unread counts, message list, recent sessions, read ack, users, statuses, groups, group messages, kicking the PC),
 * printed as a few readable lines. A conversation is named {@code 12} (user 12) or {@code g3} (group 3).
 */
final class Requests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final TeamTalkClient client;
    private final PrintStream out;

    Requests(TeamTalkClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** A conversation as the user names it: a user id, or {@code g} and a group id. */
    record Conversation(SessionType type, int id) {

        static Conversation parse(String text) {
            boolean group = text.startsWith("g") || text.startsWith("G");
            int id = Integer.parseInt(group ? text.substring(1) : text);
            if (id <= 0) {
                throw new NumberFormatException("not a positive id: " + text);
            }
            return new Conversation(group ? SessionType.SESSION_TYPE_GROUP : SessionType.SESSION_TYPE_SINGLE, id);
        }

        @Override
        public String toString() {
            return (type == SessionType.SESSION_TYPE_GROUP ? "g" : "") + id;
        }
    }

    void groupSend(int groupId, String text) throws TeamTalkClientException {
        IMMsgData message = IMMsgData.newBuilder()
                .setFromUserId(client.userId())
                .setToSessionId(groupId)
                .setMsgId(0)
                .setCreateTime((int) (System.currentTimeMillis() / 1000))
                .setMsgType(MsgType.MSG_TYPE_GROUP_TEXT)
                .setMsgData(ByteString.copyFrom(TeamTalkCipher.encrypt(text)))
                .build();
        IMMsgDataAck ack = call(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_DATA_VALUE, message,
                MessageCmdID.CID_MSG_DATA_ACK_VALUE, IMMsgDataAck.parser());
        out.println("-> g" + groupId + ": msg_id " + ack.getMsgId());
    }

    void unread() throws TeamTalkClientException {
        IMUnreadMsgCntRsp response = call(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_UNREAD_CNT_REQUEST_VALUE,
                IMUnreadMsgCntReq.newBuilder().setUserId(client.userId()).build(),
                MessageCmdID.CID_MSG_UNREAD_CNT_RESPONSE_VALUE, IMUnreadMsgCntRsp.parser());
        out.println("unread: " + response.getTotalCnt());
        for (UnreadInfo info : response.getUnreadinfoListList()) {
            out.println("  %s: %d unread, latest msg_id %d from %d: %s".formatted(
                    new Conversation(info.getSessionType(), info.getSessionId()), info.getUnreadCnt(),
                    info.getLatestMsgId(), info.getLatestMsgFromUserId(),
                    text(info.getLatestMsgType(), info.getLatestMsgData())));
        }
    }

    void history(Conversation conversation, int count) throws TeamTalkClientException {
        IMGetMsgListRsp response = call(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE,
                IMGetMsgListReq.newBuilder().setUserId(client.userId()).setSessionType(conversation.type())
                        .setSessionId(conversation.id()).setMsgIdBegin(0).setMsgCnt(count).build(),
                MessageCmdID.CID_MSG_LIST_RESPONSE_VALUE, IMGetMsgListRsp.parser());
        out.println("history " + conversation + ": " + response.getMsgListCount() + " messages");
        List<MsgInfo> oldestFirst = new java.util.ArrayList<>(response.getMsgListList());
        java.util.Collections.reverse(oldestFirst);
        for (MsgInfo message : oldestFirst) {
            out.println("  [%d] %s %d: %s".formatted(message.getMsgId(),
                    TIME.format(Instant.ofEpochSecond(message.getCreateTime())), message.getFromSessionId(),
                    text(message.getMsgType(), message.getMsgData())));
        }
    }

    void sessions() throws TeamTalkClientException {
        IMRecentContactSessionRsp response = call(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_REQUEST_VALUE,
                IMRecentContactSessionReq.newBuilder().setUserId(client.userId()).setLatestUpdateTime(0).build(),
                BuddyListCmdID.CID_BUDDY_LIST_RECENT_CONTACT_SESSION_RESPONSE_VALUE,
                IMRecentContactSessionRsp.parser());
        out.println("sessions: " + response.getContactSessionListCount());
        for (ContactSessionInfo session : response.getContactSessionListList()) {
            if (session.getSessionStatus() == SessionStatusType.SESSION_STATUS_DELETE) {
                continue;
            }
            out.println("  %s: latest msg_id %d at %s from %d: %s".formatted(
                    new Conversation(session.getSessionType(), session.getSessionId()), session.getLatestMsgId(),
                    TIME.format(Instant.ofEpochSecond(session.getUpdatedTime())),
                    session.getLatestMsgFromUserId(), text(session.getLatestMsgType(), session.getLatestMsgData())));
        }
    }

    /** Marks a conversation read up to its latest message (TeamTalk sends no answer). */
    void read(Conversation conversation, int msgId) {
        client.send(Pdu.of(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_READ_ACK_VALUE, 0,
                IMMsgDataReadAck.newBuilder().setUserId(client.userId()).setSessionId(conversation.id())
                        .setMsgId(msgId).setSessionType(conversation.type()).build()));
        out.println("read " + conversation + " up to msg_id " + msgId);
    }

    void users() throws TeamTalkClientException {
        IMAllUserRsp response = call(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_REQUEST_VALUE,
                IMAllUserReq.newBuilder().setUserId(client.userId()).setLatestUpdateTime(0).build(),
                BuddyListCmdID.CID_BUDDY_LIST_ALL_USER_RESPONSE_VALUE, IMAllUserRsp.parser());
        List<UserInfo> users = response.getUserListList();
        out.println("users: " + users.size());
        users.stream().limit(20).forEach(user -> out.println("  %d %s (%s)%s".formatted(user.getUserId(),
                user.getUserNickName(), user.getUserRealName(), user.getStatus() == 0 ? "" : " disabled")));
        if (users.size() > 20) {
            out.println("  ... and " + (users.size() - 20) + " more");
        }
    }

    void status(List<Integer> userIds) throws TeamTalkClientException {
        IMUsersStatRsp response = call(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE,
                IMUsersStatReq.newBuilder().setUserId(client.userId()).addAllUserIdList(userIds).build(),
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_RESPONSE_VALUE, IMUsersStatRsp.parser());
        for (UserStat stat : response.getUserStatListList()) {
            out.println("  user %d: %s".formatted(stat.getUserId(), IncomingPrinter.statusWord(stat.getStatus())));
        }
    }

    void groups() throws TeamTalkClientException {
        IMNormalGroupListRsp list = call(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_NORMAL_LIST_REQUEST_VALUE,
                IMNormalGroupListReq.newBuilder().setUserId(client.userId()).build(),
                GroupCmdID.CID_GROUP_NORMAL_LIST_RESPONSE_VALUE, IMNormalGroupListRsp.parser());
        out.println("groups: " + list.getGroupVersionListCount());
        if (list.getGroupVersionListCount() == 0) {
            return;
        }
        IMGroupInfoListReq.Builder infoRequest = IMGroupInfoListReq.newBuilder().setUserId(client.userId());
        for (GroupVersionInfo version : list.getGroupVersionListList()) {
            infoRequest.addGroupVersionList(version.toBuilder().setVersion(0));
        }
        IMGroupInfoListRsp info = call(ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_INFO_REQUEST_VALUE,
                infoRequest.build(), GroupCmdID.CID_GROUP_INFO_RESPONSE_VALUE, IMGroupInfoListRsp.parser());
        for (GroupInfo group : info.getGroupInfoListList()) {
            out.println("  g%d %s: %d members %s".formatted(group.getGroupId(), group.getGroupName(),
                    group.getGroupMemberListCount(), group.getGroupMemberListList()));
        }
    }

    void kickPc() throws TeamTalkClientException {
        IMKickPCClientRsp response = call(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_KICKPCCLIENT_VALUE,
                IMKickPCClientReq.newBuilder().setUserId(client.userId()).build(),
                LoginCmdID.CID_LOGIN_RES_KICKPCCLIENT_VALUE, IMKickPCClientRsp.parser());
        out.println(response.getResultCode() == 0 ? "PC client kicked"
                : "kick refused: result_code " + response.getResultCode() + " (only a mobile client can kick the PC)");
    }

    private <T extends MessageLite> T call(int serviceId, int commandId, MessageLite body, int answerCommandId,
                                           Parser<T> parser) throws TeamTalkClientException {
        CompletableFuture<Pdu> answer = client.request(serviceId, commandId, body);
        try {
            Pdu pdu = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (pdu.commandId() != answerCommandId) {
                throw new TeamTalkClientException("unexpected answer cid=0x%04x".formatted(pdu.commandId()), null);
            }
            return parser.parsePartialFrom(pdu.body());
        } catch (TimeoutException e) {
            throw new TeamTalkClientException("no answer from the server within " + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new TeamTalkClientException("request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamTalkClientException("interrupted", e);
        } catch (InvalidProtocolBufferException e) {
            throw new TeamTalkClientException("unparsable answer: " + e.getMessage(), e);
        }
    }

    static String text(MsgType type, ByteString data) {
        byte[] bytes = data.toByteArray();
        if (type == MsgType.MSG_TYPE_SINGLE_AUDIO || type == MsgType.MSG_TYPE_GROUP_AUDIO) {
            return "[audio, " + bytes.length + " bytes]";
        }
        String text = TeamTalkCipher.decrypt(bytes).orElseGet(() -> new String(bytes, StandardCharsets.UTF_8));
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
