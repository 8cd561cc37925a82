package dev.switchboard.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.GroupType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateReq;
import com.mogujie.tt.protobuf.IMGroup.IMGroupCreateRsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code group}: groups of {@code --members} users spread over the gateways; members send group messages at a fixed
 * rate and every other member receives each one. The groups are created over the client protocol
 * ({@code IMGroupCreateReq}, a temporary group, which TeamTalk lets clients create), so the same run works against
 * any TeamTalk server.
 */
final class GroupScenario implements Scenario {

    @Override
    public String name() {
        return "group";
    }

    @Override
    public String summary() {
        return "group messages to --members-member groups over the gateways: member deliveries/s and latency";
    }

    @Override
    public Options options() {
        return Context.clientType(new Options(name(), """
                Group messages: --groups groups of --members users each, spread round-robin over --gateways; the
                first member creates each group (IMGroupCreateReq, a temporary group). Members send --rate group
                messages per second in all (each member in turn, shuffled); every other member receives each one.
                Reports member deliveries per second, delivery latency, and Switchboard's delivery records per
                message per gateway (the target: exactly 1 per gateway hosting members).""")
                .option("groups", "1", "number of groups")
                .option("members", "1000", "members per group")
                .option("gateways", "4", "gateways of the local cluster (with --servers: the servers given)")
                .option("rate", "20", "group messages per second, all groups together")
                .option("duration", "30s", "how long the measured window sends")
                .option("warmup", "5s", "sending before the measured window"), "pc");
    }

    @Override
    public Map<String, Object> run(Options options, Context context) {
        int groups = options.integer("groups", 1, 100_000);
        int members = options.integer("members", 2, 100_000);
        int gateways = context.gateways(options.integer("gateways", 1, 64));
        double rate = options.number("rate", 0.1);
        int users = Math.multiplyExact(groups, members);
        context.requireCapacity(rate, users);
        Target.Request request = new Target.Request("cluster", gateways, users, "", List.of(), context.rateCap());
        Map<String, Object> summary = new MessagingRun(context, context.directory,
                "group: " + groups + " x " + members + " members, " + gateways + " gateways")
                .run(request, true, rate, options.duration("warmup"), options.duration("duration"), null,
                        connections -> load(connections, groups, members, context))
                .summary();
        Map<String, Object> ordered = new LinkedHashMap<>();
        summary.forEach((key, value) -> {
            ordered.put(key, value);
            if (key.equals("delivered_per_sec")) {
                ordered.put("member_deliveries_per_sec", value);
            }
        });
        return ordered;
    }

    private static MessagingRun.Load load(List<BenchConnection> connections, int groups, int members,
                                          Context context) {
        int[] groupOf = new int[connections.size()];
        long hostingGateways = 0;
        for (int group = 0; group < groups; group++) {
            List<BenchConnection> membership = connections.subList(group * members, (group + 1) * members);
            int id = create(membership, "bench-" + (group + 1));
            for (int i = group * members; i < (group + 1) * members; i++) {
                groupOf[i] = id;
            }
            hostingGateways = Math.max(hostingGateways,
                    membership.stream().mapToInt(connection -> connection.plan().gateway()).distinct().count());
        }
        context.out.printf("created %d group(s) of %d members%n", groups, members);
        MessageTable table = new MessageTable(members - 1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        long[] next = {0};
        Traffic.Source source = intended -> {
            int sender = order.get((int) (next[0]++ % order.size()));
            BenchConnection from = connections.get(sender);
            int groupId = groupOf[sender];
            long index = table.allocate();
            from.execute(() -> from.send(groupId, true, index, intended));
        };
        return new MessagingRun.Load(table, source, (int) hostingGateways);
    }

    /** The first member creates a temporary group of them all; returns its id. */
    private static int create(List<BenchConnection> membership, String name) {
        BenchConnection creator = membership.get(0);
        IMGroupCreateReq request = IMGroupCreateReq.newBuilder()
                .setUserId(creator.userId())
                .setGroupType(GroupType.GROUP_TYPE_TMP)
                .setGroupName(name)
                .setGroupAvatar("")
                .addAllMemberIdList(membership.stream().map(BenchConnection::userId).toList())
                .build();
        try {
            IMGroupCreateRsp response = IMGroupCreateRsp.parser().parsePartialFrom(creator.request(
                    ServiceID.SID_GROUP_VALUE, GroupCmdID.CID_GROUP_CREATE_REQUEST_VALUE, request)
                    .get(30, TimeUnit.SECONDS).body());
            if (response.getResultCode() != 0 || response.getGroupId() == 0) {
                throw new BenchFailure("group_create_failed", new IllegalStateException("result code "
                        + response.getResultCode()));
            }
            if (response.getUserIdListCount() != membership.size()) {
                throw new BenchFailure("group_create_failed", new IllegalStateException("the group has "
                        + response.getUserIdListCount() + " members, not " + membership.size()));
            }
            return response.getGroupId();
        } catch (InvalidProtocolBufferException | ExecutionException | TimeoutException e) {
            throw new BenchFailure("group_create_failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("group_create_failed", e);
        }
    }
}
