package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients one test connects to the shared cluster, closed after the test (register it with
 * {@code @RegisterExtension}); and request/answer in one call. Demo users' password is {@value #PASSWORD}.
 */
final class TestClients implements AfterEachCallback {

    static final String PASSWORD = "123456";

    private final Cluster cluster;
    private final List<TeamTalkClient> clients = new ArrayList<>();

    TestClients(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A client connected to gateway {@code gateway}, not logged in. */
    TeamTalkClient connect(int gateway) {
        return connectToPort(cluster.gatewayPort(gateway));
    }

    /** A client connected to the gateway listening on {@code port} (one a test starts itself), not logged in. */
    TeamTalkClient connectToPort(int port) {
        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", port);
        clients.add(client);
        return client;
    }

    /** A client of {@code user} logged in on gateway {@code gateway}. */
    TeamTalkClient login(String user, int gateway, ClientType type) {
        TeamTalkClient client = connect(gateway);
        assertLogsIn(client, user, type);
        return client;
    }

    /** A client of demo user {@code user<userId>} logged in on gateway {@code gateway}. */
    TeamTalkClient login(int userId, int gateway, ClientType type) {
        return login("user" + userId, gateway, type);
    }

    /** Logs the connected {@code client} in as {@code user}, asserting that the login succeeds. */
    static void assertLogsIn(TeamTalkClient client, String user, ClientType type) {
        assertThat(client.login(user, PASSWORD, type).getResultCode().getNumber()).isZero();
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
    public void afterEach(ExtensionContext context) {
        clients.forEach(TeamTalkClient::close);
    }
}
