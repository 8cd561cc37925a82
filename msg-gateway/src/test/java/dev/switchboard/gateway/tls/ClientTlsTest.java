package dev.switchboard.gateway.tls;

import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMOther.IMHeartBeat;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.client.TeamTalkClientException;
import dev.switchboard.client.TlsTrust;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.gateway.tls.TestCertificates.Issued;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import dev.switchboard.pdu.Pdu;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_ACK_VALUE;
import static com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID.CID_MSG_DATA_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static dev.switchboard.gateway.GatewayTestSupport.golden;
import static dev.switchboard.pdu.GoldenFrames.USER11_CONNECTION;
import static dev.switchboard.pdu.GoldenFrames.USER12_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client port with {@code switchboard.gateway.tls.enabled}: TeamTalk's golden frames over real TLS sockets, a
 * plain client and a silent one refused and counted, and certificate files replaced while the gateway runs.
 */
class ClientTlsTest extends GatewayIntegrationTest {

    private static final String FAILURES = "im.gateway.tls.handshake.failures";
    private static final String RELOADS = "im.gateway.tls.reloads";
    private static final Path DIRECTORY = temporaryDirectory();
    private static final Path CERTIFICATE = DIRECTORY.resolve("tls.crt");
    private static final Path KEY = DIRECTORY.resolve("tls.key");
    /** The certificate the gateway serves now; a reload test moves it on. */
    private static volatile Issued served = TestCertificates.issue("gateway-0.switchboard.test");

    @Autowired
    private MeterRegistry meters;
    private final List<RawClient> tlsClients = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @DynamicPropertySource
    static void tlsProperties(DynamicPropertyRegistry registry) {
        served.writeTo(CERTIFICATE, KEY);
        registry.add("switchboard.gateway.tls.enabled", () -> true);
        registry.add("switchboard.gateway.tls.certificate", CERTIFICATE::toString);
        registry.add("switchboard.gateway.tls.private-key", KEY::toString);
        registry.add("switchboard.gateway.tls.reload-interval", () -> "200ms");
        registry.add("switchboard.gateway.tls.handshake-timeout", () -> "1s");
    }

    @AfterEach
    void closeTlsClients() throws IOException {
        tlsClients.forEach(RawClient::close);
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        try (var files = Files.list(DIRECTORY)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DIRECTORY);
    }

    @Test
    void logsInSendsAMessageAndHeartbeatsOverTls() {
        SSLSocket socket = handshake(TestCertificates.trusting(served.certificate()));
        assertThat(peerSerial(socket)).isEqualTo(served.serial());
        RawClient user11 = logIn(socket, USER11_CONNECTION);

        GoldenFrame message = golden(USER11_CONNECTION, false, CID_MSG_DATA_VALUE);
        user11.send(message.frame());
        user11.await(CID_MSG_DATA_ACK_VALUE, message.seq());
        user11.send(heartbeat(77));
        user11.await(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, 77);
    }

    @Test
    void closesAPlainTcpClientOnTheTlsPortAndCountsIt() {
        double before = count(meters, FAILURES, "reason", "not_tls");
        double closedBefore = count(meters, "im.gateway.connections.closed", "reason", "tls_handshake");
        RawClient plain = RawClient.connect(server.port());
        tlsClients.add(plain);

        plain.send(golden(USER11_CONNECTION, false, CID_LOGIN_REQ_USERLOGIN_VALUE).frame());

        await().atMost(Duration.ofSeconds(10)).until(plain::closedByPeer);
        assertThat(plain.find(pdu -> true)).isEmpty();
        await().untilAsserted(() -> assertThat(count(meters, FAILURES, "reason", "not_tls")).isEqualTo(before + 1));
        await().untilAsserted(() -> assertThat(count(meters, "im.gateway.connections.closed", "reason",
                "tls_handshake")).isEqualTo(closedBefore + 1));
    }

    @Test
    void closesAClientThatNeverStartsTheHandshakeAndCountsIt() {
        double before = count(meters, FAILURES, "reason", "timeout");
        RawClient silent = RawClient.connect(server.port());
        tlsClients.add(silent);

        // the handshake timeout is 1s; the login timeout (15s) is not what closes it
        await().atMost(Duration.ofSeconds(8)).until(silent::closedByPeer);
        await().untilAsserted(() -> assertThat(count(meters, FAILURES, "reason", "timeout")).isEqualTo(before + 1));
    }

    @Test
    void countsAClientThatLeavesMidHandshake() {
        double before = count(meters, FAILURES, "reason", "closed");
        RawClient leaving = RawClient.connect(server.port());

        leaving.send(new byte[] {0x16, 0x03, 0x01, 0x00}); // four bytes of a TLS handshake record's header
        leaving.close();

        await().untilAsserted(() -> assertThat(count(meters, FAILURES, "reason", "closed")).isEqualTo(before + 1));
    }

    @Test
    void newConnectionsGetAReplacedCertificateWhileOpenOnesKeepWorking() {
        Issued old = served;
        SSLSocket openSocket = handshake(TestCertificates.trusting(old.certificate()));
        RawClient open = logIn(openSocket, USER11_CONNECTION);
        double reloads = count(meters, RELOADS, "result", "ok");

        Issued next = TestCertificates.issue("gateway-0.renewed.switchboard.test");
        next.writeTo(CERTIFICATE, KEY);

        SSLContext trustingBoth = TestCertificates.trusting(old.certificate(), next.certificate());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> peerSerial(handshake(trustingBoth)).equals(next.serial()));
        served = next;
        assertThat(count(meters, RELOADS, "result", "ok")).isGreaterThan(reloads);

        SSLSocket renewed = handshake(TestCertificates.trusting(next.certificate()));
        assertThat(((X509Certificate) peerCertificate(renewed)).getSubjectX500Principal().getName())
                .isEqualTo("CN=gateway-0.renewed.switchboard.test");
        logIn(renewed, USER12_CONNECTION);
        open.send(heartbeat(78));
        open.await(OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, 78);
        assertThat(peerSerial(openSocket)).isEqualTo(old.serial());
    }

    @Test
    void keepsTheCurrentCertificateWhenTheNewFilesAreInvalid() {
        Issued current = served;
        double failed = count(meters, RELOADS, "result", "failed");

        // a key that belongs to another certificate
        TestCertificates.write(KEY, TestCertificates.issue("stranger.switchboard.test").keyPem());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count(meters, RELOADS, "result", "failed") > failed);
        SSLSocket socket = handshake(TestCertificates.trusting(current.certificate()));
        assertThat(peerSerial(socket)).isEqualTo(current.serial());
        logIn(socket, USER12_CONNECTION);

        current.writeTo(CERTIFICATE, KEY); // the files are valid again: nothing to reload, the content is the same
    }

    @Test
    void theProjectsClientLogsInTrustingTheGatewaysCertificate() {
        Path trusted = DIRECTORY.resolve("trusted.pem");
        TestCertificates.write(trusted, served.certificatePem());

        try (TeamTalkClient client = TeamTalkClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(10),
                TlsTrust.pem(trusted))) {
            IMLoginRes response = client.login("user12", "123456", ClientType.CLIENT_TYPE_WINDOWS);
            assertThat(response.getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);
        }
    }

    @Test
    void theProjectsClientRefusesACertificateItDoesNotTrustAndTheGatewayCountsIt() {
        Path stranger = DIRECTORY.resolve("stranger.pem");
        TestCertificates.write(stranger, TestCertificates.issue("stranger.switchboard.test").certificatePem());
        double before = count(meters, FAILURES, "reason", "protocol");

        assertThatThrownBy(() -> TeamTalkClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(10),
                TlsTrust.pem(stranger)))
                .isInstanceOf(TeamTalkClientException.class).hasMessageContaining("tls handshake");
        await().untilAsserted(() -> assertThat(count(meters, FAILURES, "reason", "protocol")).isGreaterThan(before));
    }

    /** A TLS connection to the gateway, handshake done. */
    private SSLSocket handshake(SSLContext context) {
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port());
            sockets.add(socket);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends TeamTalk's golden login frame of {@code connection} over the socket and waits for the answer. */
    private RawClient logIn(SSLSocket socket, int connection) {
        RawClient client = RawClient.over(socket);
        tlsClients.add(client);
        GoldenFrame login = golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE);
        client.send(login.frame());
        client.await(CID_LOGIN_RES_USERLOGIN_VALUE, login.seq());
        return client;
    }

    private static Pdu heartbeat(int seq) {
        return Pdu.of(ServiceID.SID_OTHER_VALUE, OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, seq,
                IMHeartBeat.getDefaultInstance());
    }

    private static java.security.cert.Certificate peerCertificate(SSLSocket socket) {
        try {
            return socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger peerSerial(SSLSocket socket) {
        return ((X509Certificate) peerCertificate(socket)).getSerialNumber();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gateway-tls-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
