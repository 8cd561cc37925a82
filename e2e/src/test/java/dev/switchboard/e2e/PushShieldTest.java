package dev.switchboard.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMLogin.IMPushShieldReq;
import com.mogujie.tt.protobuf.IMLogin.IMPushShieldRsp;
import com.mogujie.tt.protobuf.IMLogin.IMQueryPushShieldReq;
import com.mogujie.tt.protobuf.IMLogin.IMQueryPushShieldRsp;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.pdu.Pdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push shield (0x010c) and its query (0x010e): stored per user, so any device on any gateway reads back what another
 * set. Users 300-309.
 */
class PushShieldTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    final TestClients clients = new TestClients(Cluster.get());

    @Test
    void aShieldSetOnOneDeviceIsReadBackOnAnotherDeviceOnAnotherGateway() {
        TeamTalkClient phone = clients.login("user300", 0, ClientType.CLIENT_TYPE_IOS);
        TeamTalkClient pc = clients.login("user300", 1, ClientType.CLIENT_TYPE_WINDOWS);

        assertThat(query(pc).getShieldStatus()).as("never set").isZero();

        IMPushShieldRsp set = shield(phone, IMPushShieldReq.newBuilder().setUserId(999).setShieldStatus(1).build());
        assertThat(set.getUserId()).as("the logged-in user, not the body's").isEqualTo(300);
        assertThat(set.getResultCode()).isZero();
        assertThat(set.getShieldStatus()).isEqualTo(1);

        IMQueryPushShieldRsp shielded = query(pc);
        assertThat(shielded.getUserId()).isEqualTo(300);
        assertThat(shielded.getResultCode()).isZero();
        assertThat(shielded.getShieldStatus()).isEqualTo(1);

        assertThat(shield(pc, IMPushShieldReq.newBuilder().setUserId(300).setShieldStatus(0).build())
                .getResultCode()).isZero();
        assertThat(query(phone).getShieldStatus()).isZero();
    }

    @Test
    void aShieldIsPerUser() {
        TeamTalkClient shielding = clients.login("user301", 2, ClientType.CLIENT_TYPE_ANDROID);
        TeamTalkClient other = clients.login("user302", 2, ClientType.CLIENT_TYPE_ANDROID);

        shield(shielding, IMPushShieldReq.newBuilder().setUserId(302).setShieldStatus(1).build());

        assertThat(query(shielding).getShieldStatus()).isEqualTo(1);
        assertThat(query(other).getShieldStatus()).isZero();
    }

    @Test
    void aMalformedRequestOrAnUnknownStatusIsAnsweredWithResultOneAndChangesNothing() {
        TeamTalkClient client = clients.login("user303", 0, ClientType.CLIENT_TYPE_MAC);

        client.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_PUSH_SHIELD_VALUE, 41, new byte[0]));
        Pdu malformed = client.awaitIncoming(LoginCmdID.CID_LOGIN_RES_PUSH_SHIELD_VALUE, WAIT);
        assertThat(malformed.seq()).isEqualTo(41);
        assertThat(parse(malformed).getResultCode()).isEqualTo(1);
        assertThat(parse(malformed).getUserId()).isEqualTo(303);

        client.send(Pdu.of(ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_QUERY_PUSH_SHIELD_VALUE, 42,
                new byte[0]));
        Pdu malformedQuery = client.awaitIncoming(LoginCmdID.CID_LOGIN_RES_QUERY_PUSH_SHIELD_VALUE, WAIT);
        assertThat(malformedQuery.seq()).isEqualTo(42);
        assertThat(parse(malformedQuery, IMQueryPushShieldRsp.parser()).getResultCode()).isEqualTo(1);

        IMPushShieldRsp unknown = shield(client, IMPushShieldReq.newBuilder().setUserId(303).setShieldStatus(2).build());
        assertThat(unknown.getResultCode()).isEqualTo(1);
        assertThat(unknown.hasShieldStatus()).isFalse();
        assertThat(query(client).getShieldStatus()).isZero();
    }

    private static IMPushShieldRsp parse(Pdu pdu) {
        return parse(pdu, IMPushShieldRsp.parser());
    }

    private static <T extends MessageLite> T parse(Pdu pdu, Parser<T> parser) {
        try {
            return parser.parseFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("answer does not parse", e);
        }
    }

    private static IMPushShieldRsp shield(TeamTalkClient client, IMPushShieldReq request) {
        return TestClients.ask(client, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_PUSH_SHIELD_VALUE, request,
                LoginCmdID.CID_LOGIN_RES_PUSH_SHIELD_VALUE, IMPushShieldRsp.parser());
    }

    private static IMQueryPushShieldRsp query(TeamTalkClient client) {
        return TestClients.ask(client, ServiceID.SID_LOGIN_VALUE, LoginCmdID.CID_LOGIN_REQ_QUERY_PUSH_SHIELD_VALUE,
                IMQueryPushShieldReq.newBuilder().setUserId(client.userId()).build(),
                LoginCmdID.CID_LOGIN_RES_QUERY_PUSH_SHIELD_VALUE, IMQueryPushShieldRsp.parser());
    }
}
