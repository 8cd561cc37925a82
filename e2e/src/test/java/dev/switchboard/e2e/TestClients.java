package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The clients one test logs in on the shared cluster, closed after the test; and request/answer in one call. */
final class TestClients implements AutoCloseable {

    private final Cluster cluster;
    private final List<TeamTalkClient> clients = new ArrayList<>();

    TestClients(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A client of {@code user} logged in on gateway {@code gateway}. */
    TeamTalkClient login(String user, int gateway, ClientType type) {
        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", cluster.gatewayPort(gateway));
        clients.add(client);
        assertThat(client.login(user, "123456", type).getResultCode().getNumber()).isZero();
        return client;
    }

    /** Sends a request and returns the answer echoing its seq, checking its command id, parsed. */
    static <T extends MessageLite> T ask(TeamTalkClient client, int serviceId, int commandId, MessageLite request,
                                         int responseCommandId, Parser<T> parser) {
        try {
            Pdu answer = client.request(serviceId, commandId, request).get(10, TimeUnit.SECONDS);
            assertThat(answer.commandId()).isEqualTo(responseCommandId);
            assertThat(answer.serviceId()).isEqualTo(serviceId);
            return parser.parseFrom(answer.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("answer does not parse", e);
        } catch (Exception e) {
            throw new AssertionError("no answer to cid 0x" + Integer.toHexString(commandId), e);
        }
    }

    @Override
    public void close() {
        clients.forEach(TeamTalkClient::close);
    }
}
