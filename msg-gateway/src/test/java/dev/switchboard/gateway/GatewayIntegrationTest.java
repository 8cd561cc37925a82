package dev.switchboard.gateway;

import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.gateway.session.SessionRegistry;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.store.UserDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.golden;

/**
 * What every gateway integration test class starts from: the real gateway of
 * {@link GatewayTestSupport#gatewayProperties} (a fresh context per class) with presence-service's login
 * confirmations played by {@link PresenceStandIn}, the golden users seeded before each test,
 * and {@link RawClient}s logged in with TeamTalk's golden login frames, closed after each test. A subclass adds properties with a
 * {@code @DynamicPropertySource} method of another name.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(PresenceStandIn.class)
@DirtiesContext
public abstract class GatewayIntegrationTest {

    @Autowired
    protected GatewayServer server;
    @Autowired
    protected UserDirectory directory;
    @Autowired
    protected SessionRegistry sessions;
    private final List<RawClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        GatewayTestSupport.gatewayProperties(registry);
    }

    @BeforeEach
    void seedGoldenUsers() {
        GatewayTestSupport.seedGoldenUsers(directory);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RawClient::close);
    }

    /** A client that sent the golden login frame of {@code connection} (user11's or user12's) and got its answer. */
    protected RawClient logIn(int connection) {
        GoldenFrame login = golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        RawClient client = RawClient.connect(server.port());
        clients.add(client);
        client.send(login.frame());
        client.await(CID_LOGIN_RES_USERLOGIN_VALUE, login.seq());
        return client;
    }

    /**
     * A slow consumer ({@link RawClient#connectNotReading}) that sent the golden login frame of {@code connection};
     * it reads nothing, so wait for its {@link #newestSession} rather than for the answer.
     */
    protected RawClient logInNotReading(int connection, int receiveBufferBytes) {
        RawClient client = RawClient.connectNotReading(server.port(), receiveBufferBytes);
        clients.add(client);
        client.send(golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE).frame());
        return client;
    }

    /** The newest open logged-in connection of the user; an earlier test's may not be unregistered yet. */
    protected Optional<Session> newestSession(long userId) {
        return sessions.all().stream().filter(session -> session.userId() == userId && session.open())
                .max(Comparator.comparingLong(Session::connectionId));
    }
}
