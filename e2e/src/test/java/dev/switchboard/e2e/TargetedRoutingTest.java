package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.proto.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Targeted routing: a message reaches exactly the gateways that hold its recipients, never a broadcast. */
class TargetedRoutingTest {

    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aMessageToAUserOnOneOfThreeGatewaysReachesOnlyThatGateway() throws Exception {
        TeamTalkClient sender = clients.connect(0);
        TeamTalkClient receiver = clients.connect(1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()))) {
            sender.login("user71", "123456", ClientType.CLIENT_TYPE_WINDOWS);
            receiver.login("user72", "123456", ClientType.CLIENT_TYPE_WINDOWS);
            cluster.awaitConnections(72, 1);
            cluster.awaitConnections(71, 1);
            // earlier tests' deliveries may still be in flight: let them land before counting
            receiver.heartbeat().join();
            Map<Integer, Long> before = endOffsets(admin);

            sender.sendText(72, "only gw-1 should see this");
            receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, Duration.ofSeconds(10));

            Map<Integer, Long> after = endOffsets(admin);
            assertThat(after.get(1) - before.get(1)).as("records to gw-1").isEqualTo(1);
            assertThat(after.get(0) - before.get(0)).as("records to gw-0 (sender, no other device)").isZero();
            assertThat(after.get(2) - before.get(2)).as("records to gw-2 (nobody)").isZero();
        }
    }

    private static Map<Integer, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int i = 0; i < Cluster.GATEWAYS; i++) {
            request.put(new TopicPartition(Topics.deliver("gw-" + i), 0), OffsetSpec.latest());
        }
        Map<Integer, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) ->
                offsets.put(Integer.parseInt(partition.topic().substring(partition.topic().lastIndexOf('-') + 1)),
                        info.offset()));
        return offsets;
    }
}
