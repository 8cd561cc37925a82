package dev.switchboard.gateway.history;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;

import java.io.UncheckedIOException;
import java.util.List;

/** Messages as route-service stores them in history: serialized {@code IM.BaseDefine.MsgInfo}, sent as they are. */
final class StoredMessages {

    private StoredMessages() {
    }

    static MsgInfo parse(byte[] stored) {
        try {
            return MsgInfo.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<MsgInfo> parseAll(List<byte[]> stored) {
        return stored.stream().map(StoredMessages::parse).toList();
    }
}
