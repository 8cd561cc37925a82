package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import dev.switchboard.client.TeamTalkClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user is reachable from the moment their login is answered: the instant a user's IMLoginRes arrives, someone on
 * another gateway sends them a message, and it is delivered live, thousands of times over. TeamTalk's broadcast gives
 * this for free; targeted routing earns it by answering a login only once presence holds the connection. Receivers
 * are users 400-599 on gw-0 (each logs in ten times), senders users 600-619 on gw-1.
 */
class ReachableAtLoginTest {

    private static final int WORKERS = 20;
    private static final int LOGINS_PER_WORKER = 100;
    private static final int RECEIVERS_PER_WORKER = 10;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);

    @Test
    void aMessageSentTheMomentALoginIsAnsweredIsDeliveredLiveEveryTime() throws Exception {
        Received received = new Received();
        List<TeamTalkClient> senders = new ArrayList<>();
        for (int worker = 0; worker < WORKERS; worker++) {
            senders.add(clients.login(600 + worker, 1, ClientType.CLIENT_TYPE_WINDOWS));
        }
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<TeamTalkClient> receivers = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int worker = 0; worker < WORKERS; worker++) {
                int w = worker;
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < LOGINS_PER_WORKER; i++) {
                        int receiver = 400 + w * RECEIVERS_PER_WORKER + i % RECEIVERS_PER_WORKER;
                        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", cluster.gatewayPort(0));
                        receivers.add(client);
                        received.watch(client, receiver);
                        TestClients.assertLogsIn(client, "user" + receiver, ClientType.CLIENT_TYPE_ANDROID);
                        String text = "reach " + w + "/" + i;
                        // no pause: the login's answer is the signal to send
                        senders.get(w).sendText(receiver, text);
                        acknowledged.add(receiver + ":" + text);
                        try {
                            await().atMost(WAIT).until(() -> received.contains(receiver, text));
                        } catch (ConditionTimeoutException e) {
                            lost.add("user" + receiver + " <- " + text);
                            if (lost.size() >= 5) {
                                return; // enough to show it; the others stop too
                            }
                        }
                        client.close();
                    }
                }, workers));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            workers.shutdownNow();
            receivers.forEach(TeamTalkClient::close);
        }
        assertThat(lost).as("acknowledged, never delivered to the online recipient").isEmpty();
        assertThat(acknowledged).hasSize(WORKERS * LOGINS_PER_WORKER);
    }
}
