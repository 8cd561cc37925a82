package dev.switchboard.local;

import com.mogujie.tt.protobuf.IMBaseDefine.BuddyListCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.MsgInfo;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.SessionType;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStat;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatReq;
import com.mogujie.tt.protobuf.IMBuddy.IMUsersStatRsp;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListReq;
import com.mogujie.tt.protobuf.IMMessage.IMGetMsgListRsp;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.client.TeamTalkCipher;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat traffic for the failover suite: users {@code 1..N}, user {@code i} on gateway {@code (i-1) % gateways}, each
 * sending 1:1 texts to the next user in a ring ({@code N} sends to 1), round robin at a fixed total rate. Records every
 * acknowledged message (msg_id and text), every message received live (auto-acked by the client) and every message
 * pulled from history after a reconnect. A user whose connection dropped is logged in again (on the gateway it is
 * assigned to) and pulls its incoming conversation, unless it is held (its gateway was just killed and the test waits
 * for presence to read it offline).
 */
final class FailoverTraffic implements AutoCloseable {

    /** An acknowledged message; {@code phase} is what the test was doing when the ack arrived. */
    record Acked(int from, int to, int msgId, String text, String phase) {
    }

    /** One user's connection and what it received. */
    static final class User {
        final int id;
        volatile int gateway;
        volatile TeamTalkClient client;
        volatile boolean held;
        int nextSeq;
        /** msg_id → text of every live IMMsgData from the predecessor; a second copy counts in liveCopies. */
        final Map<Integer, String> live = new ConcurrentHashMap<>();
        final AtomicInteger liveCopies = new AtomicInteger();
        /** msg_ids read from history right after a reconnect. */
        final Set<Integer> pulled = ConcurrentHashMap.newKeySet();

        User(int id, int gateway) {
            this.id = id;
            this.gateway = gateway;
        }

        boolean connected() {
            TeamTalkClient current = client;
            return current != null && current.isOpen();
        }
    }

    private final List<Integer> gatewayPorts;
    private final Map<Integer, User> users = new LinkedHashMap<>();
    private final List<Acked> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean sending = true;
    private volatile String phase = "start";

    FailoverTraffic(List<Integer> gatewayPorts, int userCount, int messagesPerSecond) {
        this.gatewayPorts = List.copyOf(gatewayPorts);
        for (int id = 1; id <= userCount; id++) {
            users.put(id, new User(id, (id - 1) % gatewayPorts.size()));
        }
        sender.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / messagesPerSecond, TimeUnit.MICROSECONDS);
        reconnector.scheduleWithFixedDelay(this::reconnectAll, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Names what happens from now on, for the acks that arrive. */
    void phase(String name) {
        phase = name;
    }

    Collection<User> users() {
        return users.values();
    }

    User user(int id) {
        return users.get(id);
    }

    int successor(int id) {
        return id % users.size() + 1;
    }

    int predecessor(int id) {
        return id == 1 ? users.size() : id - 1;
    }

    boolean allConnected() {
        return users.values().stream().allMatch(user -> user.held || user.connected());
    }

    /** Users on gateway {@code index} stop being reconnected until {@link #move}. */
    List<User> hold(int gateway) {
        List<User> held = users.values().stream().filter(user -> user.gateway == gateway).toList();
        held.forEach(user -> user.held = true);
        return held;
    }

    /** Assigns the held users to the other gateways in turn; the reconnector logs them in there. */
    void move(List<User> held, List<Integer> toGateways) {
        for (int i = 0; i < held.size(); i++) {
            held.get(i).gateway = toGateways.get(i % toGateways.size());
            held.get(i).held = false;
        }
    }

    /** Stops sending; waits up to {@code timeout} for the answers of messages still in flight. */
    void stopSending(Duration timeout) throws InterruptedException {
        sending = false;
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    int sent() {
        return sent.get();
    }

    int failed() {
        return failed.get();
    }

    int unanswered() {
        return inFlight.get();
    }

    int reconnects() {
        return reconnects.get();
    }

    List<Acked> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    /** Statuses (0x020a) of {@code userIds} as seen by {@code observer}. */
    static Map<Integer, UserStatType> statuses(TeamTalkClient observer, Collection<Integer> userIds) throws Exception {
        IMUsersStatReq request = IMUsersStatReq.newBuilder().setUserId(0).addAllUserIdList(userIds).build();
        Pdu answer = observer.request(ServiceID.SID_BUDDY_LIST_VALUE,
                BuddyListCmdID.CID_BUDDY_LIST_USERS_STATUS_REQUEST_VALUE, request).get(10, TimeUnit.SECONDS);
        Map<Integer, UserStatType> statuses = new LinkedHashMap<>();
        for (UserStat stat : IMUsersStatRsp.parser().parsePartialFrom(answer.body()).getUserStatListList()) {
            statuses.put(stat.getUserId(), stat.getStatus());
        }
        return statuses;
    }

    /** Every message of {@code user}'s conversation with {@code peer}, paging 0x0309 from the newest. */
    static List<MsgInfo> history(TeamTalkClient client, int peer) throws Exception {
        List<MsgInfo> all = new ArrayList<>();
        int begin = 0;
        for (int page = 0; page < 1000; page++) {
            IMGetMsgListReq request = IMGetMsgListReq.newBuilder().setUserId(0)
                    .setSessionType(SessionType.SESSION_TYPE_SINGLE).setSessionId(peer)
                    .setMsgIdBegin(begin).setMsgCnt(100).build();
            Pdu answer = client.request(ServiceID.SID_MSG_VALUE, MessageCmdID.CID_MSG_LIST_REQUEST_VALUE, request)
                    .get(10, TimeUnit.SECONDS);
            List<MsgInfo> found = IMGetMsgListRsp.parser().parsePartialFrom(answer.body()).getMsgListList();
            all.addAll(found);
            int oldest = found.stream().mapToInt(MsgInfo::getMsgId).min().orElse(0);
            if (found.isEmpty() || oldest <= 1) {
                break;
            }
            begin = oldest - 1;
        }
        return all;
    }

    static String text(byte[] encrypted) {
        return TeamTalkCipher.decrypt(encrypted).orElse("<undecryptable>");
    }

    private void sendOne() {
        if (!sending) {
            return;
        }
        List<User> all = new ArrayList<>(users.values());
        User user = all.get(Math.floorMod(turn.getAndIncrement(), all.size()));
        TeamTalkClient client = user.client;
        if (user.held || client == null || !client.isOpen()) {
            return;
        }
        int to = successor(user.id);
        String text = "failover " + user.id + "->" + to + " #" + (++user.nextSeq);
        sent.incrementAndGet();
        inFlight.incrementAndGet();
        client.sendTextAsync(to, text).whenComplete((IMMsgDataAck ack, Throwable error) -> {
            if (error == null) {
                acked.add(new Acked(user.id, to, ack.getMsgId(), text, phase));
            } else {
                failed.incrementAndGet();
            }
            inFlight.decrementAndGet();
        });
    }

    private void reconnectAll() {
        for (User user : users.values()) {
            if (!user.held && !user.connected()) {
                connect(user);
            }
        }
    }

    private void connect(User user) {
        boolean first = user.client == null;
        TeamTalkClient client;
        try {
            client = TeamTalkClient.connect("127.0.0.1", gatewayPorts.get(user.gateway), Duration.ofSeconds(3));
        } catch (RuntimeException e) {
            return;
        }
        try {
            client.onIncoming(pdu -> received(user, pdu));
            IMLoginRes login = client.login("user" + user.id, "123456", ClientType.CLIENT_TYPE_WINDOWS);
            if (login.getResultCode().getNumber() != 0) {
                client.close();
                return;
            }
            if (!first) {
                reconnects.incrementAndGet();
                for (MsgInfo info : history(client, predecessor(user.id))) {
                    user.pulled.add(info.getMsgId());
                }
            }
            user.client = client;
        } catch (Exception e) {
            client.close();
        }
    }

    private void received(User user, Pdu pdu) {
        if (pdu.commandId() != MessageCmdID.CID_MSG_DATA_VALUE) {
            return;
        }
        try {
            IMMsgData message = IMMsgData.parser().parsePartialFrom(pdu.body());
            if (message.getFromUserId() == predecessor(user.id)
                    && user.live.putIfAbsent(message.getMsgId(), text(message.getMsgData().toByteArray())) != null) {
                user.liveCopies.incrementAndGet();
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not an IMMsgData: " + pdu, e);
        }
    }

    @Override
    public void close() {
        sending = false;
        sender.shutdownNow();
        reconnector.shutdownNow();
        try {
            reconnector.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        users.values().forEach(user -> {
            if (user.client != null) {
                user.client.close();
            }
        });
    }
}
