package dev.switchboard.client;

import dev.switchboard.pdu.Pdu;
import dev.switchboard.pdu.PduDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.HexFormat;

/**
 * Frames captured between TeamTalk's own C++ test client and servers (shared/fixtures/teamtalk-session.jsonl):
 * user12 (id 12) receives "hello user12" from user11 (id 11), password 123456 for both. Public for the CLI tests.
 */
public final class GoldenFrames {

    /** conn 1, client->server: IMLoginReq{user12, md5hex(123456), ONLINE, WINDOWS, "1.0"}, seq 26117. */
    public static final String LOGIN_REQUEST = "000000430001000000010103660500000a06757365723132122065313061646333393439"
            + "62613539616262653536653035376632306638383365180120012a03312e30";

    /** conn 1, server->client: IMLoginRes{result 0, user_info{user_id 12, nick12, user12}}, seq 26117. */
    public static final String LOGIN_RESPONSE = "0000004600010000000101046605000008cbec8fd80610001a06e68890e58a9f20012a2208"
            + "0c10001a066e69636b31322200280132003a0675736572313242004a0050005a00";

    /** conn 1, server->client: IMMsgData{from 11, to 12, msg_id 1, SINGLE_TEXT, "hello user12" in clear}, seq 0. */
    public static final String MESSAGE_TO_USER12 = "0000002c000100000003030100000000080b100c180120cdec8fd8062801320c68656c6c"
            + "6f20757365723132";

    /** conn 1, client->server: user12's delivery ack IMMsgDataAck{12, 11, msg_id 1, SINGLE}, seq 26118. */
    public static final String ACK_FROM_USER12 = "00000018000100000003030266060000080c100b18012001";

    private GoldenFrames() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static Pdu pdu(String hex) {
        EmbeddedChannel channel = new EmbeddedChannel(new PduDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(hex)));
        Pdu pdu = channel.readInbound();
        channel.finishAndReleaseAll();
        return pdu;
    }
}
