package dev.switchboard.gateway.login;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ResultType;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMBaseDefine.UserStatType;
import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import com.mogujie.tt.protobuf.IMLogin.IMLoginRes;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.RawClient;
import dev.switchboard.pdu.Pdu;
import dev.switchboard.store.Credentials;
import dev.switchboard.store.UserRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_RES_USERLOGIN_VALUE;
import static dev.switchboard.gateway.GatewayTestSupport.PASSWORD_MD5;
import static dev.switchboard.gateway.GatewayTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user imported from TeamTalk's database keeps logging in with the same password, and from the first successful
 * login on the directory holds a slow salted hash instead of TeamTalk's {@code md5(md5(password) + salt)}.
 */
class CredentialUpgradeTest extends GatewayIntegrationTest {

    private static final String SALT = "4321";

    @Autowired
    private MeterRegistry meters;

    private UserRecord imported;

    @BeforeEach
    void importUser11FromTeamTalk() {
        UserRecord user11 = directory.findById(11).toCompletableFuture().join().orElseThrow();
        imported = withCredential(user11, Credentials.teamTalk(SALT, Credentials.md5hex(PASSWORD_MD5 + SALT)));
        directory.save(imported).toCompletableFuture().join();
    }

    @Test
    void theFirstSuccessfulLoginReplacesTheImportedCredentialWithPbkdf2() {
        double upgradedBefore = count(meters, "im.gateway.credential.upgrades", "result", "upgraded");

        assertThat(login("user11", PASSWORD_MD5).getResultCode()).isEqualTo(ResultType.REFUSE_REASON_NONE);

        String stored = storedCredential();
        assertThat(stored).startsWith("pbkdf2-sha256$20000$").doesNotContain(PASSWORD_MD5);
        assertThat(Credentials.matches(stored, PASSWORD_MD5)).isTrue();
        assertThat(count(meters, "im.gateway.credential.upgrades", "result", "upgraded")).isEqualTo(upgradedBefore + 1);
        assertThat(login("user11", PASSWORD_MD5).getResultCode()).as("the same password still logs in")
                .isEqualTo(ResultType.REFUSE_REASON_NONE);
        assertThat(storedCredential()).as("upgraded once").isEqualTo(stored);
        assertThat(login("user11", Credentials.md5hex("wrong")).getResultCode())
                .isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);
    }

    @Test
    void aFailedLoginLeavesTheImportedCredentialAlone() {
        assertThat(login("user11", Credentials.md5hex("wrong")).getResultCode())
                .isEqualTo(ResultType.REFUSE_REASON_DB_VALIDATE_FAILED);

        assertThat(storedCredential()).isEqualTo(imported.credential());
    }

    private IMLoginRes login(String name, String digest) {
        IMLoginReq request = IMLoginReq.newBuilder()
                .setUserName(name)
                .setPassword(digest)
                .setOnlineStatus(UserStatType.USER_STATUS_ONLINE)
                .setClientType(ClientType.CLIENT_TYPE_WINDOWS)
                .setClientVersion("test")
                .build();
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE, 7, request));
            return IMLoginRes.parseFrom(client.await(CID_LOGIN_RES_USERLOGIN_VALUE, 7).body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private String storedCredential() {
        return directory.findById(11).toCompletableFuture().join().orElseThrow().credential();
    }

    private static UserRecord withCredential(UserRecord u, String credential) {
        return new UserRecord(u.id(), u.name(), u.nick(), u.gender(), u.avatarUrl(), u.departmentId(), u.email(),
                u.realName(), u.tel(), u.domain(), u.status(), u.signInfo(), credential, u.updatedAt());
    }
}
