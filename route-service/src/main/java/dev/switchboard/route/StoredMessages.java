package dev.switchboard.route;

import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;

/**
 * How a message is kept in history: TeamTalk's {@code MsgInfo}, as message-list answers return it. Redis's history and
 * PostgreSQL's message table hold these same bytes, so a read answers alike from either.
 */
public final class StoredMessages {

    private StoredMessages() {
    }

    public static MsgInfo msgInfo(IMMsgData message) {
        return MsgInfo.newBuilder()
                .setMsgId(message.getMsgId())
                .setFromSessionId(message.getFromUserId())
                .setCreateTime(message.getCreateTime())
                .setMsgType(message.getMsgType())
                .setMsgData(message.getMsgData())
                .build();
    }
}
