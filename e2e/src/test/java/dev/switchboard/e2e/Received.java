package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every 1:1 text the clients it {@link #watch watches} received live, as "{recipient}:{text}": what a load test
 * compares with what the server acknowledged.
 */
final class Received {

    private final Set<String> texts = ConcurrentHashMap.newKeySet();

    /** Records every message {@code client}, logged in (or logging in) as {@code userId}, receives from now on. */
    void watch(TeamTalkClient client, int userId) {
        client.onIncoming(pdu -> {
            if (pdu.commandId() == MessageCmdID.CID_MSG_DATA_VALUE) {
                try {
                    IMMsgData message = IMMsgData.parseFrom(pdu.body());
                    TeamTalkCipher.decrypt(message.getMsgData().toByteArray())
                            .ifPresent(text -> texts.add(key(userId, text)));
                } catch (InvalidProtocolBufferException e) {
                    texts.add(key(userId, "unparsable"));
                }
            }
        });
    }

    boolean contains(int userId, String text) {
        return texts.contains(key(userId, text));
    }

    private static String key(int userId, String text) {
        return userId + ":" + text;
    }
}
