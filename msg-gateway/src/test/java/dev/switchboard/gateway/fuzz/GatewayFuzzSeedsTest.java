package dev.switchboard.gateway.fuzz;

import com.mogujie.tt.protobuf.IMLogin.IMLoginReq;
import dev.switchboard.gateway.GatewayTestSupport;
import dev.switchboard.pdu.FuzzSeeds;
import dev.switchboard.pdu.GoldenFrames;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static com.mogujie.tt.protobuf.IMBaseDefine.LoginCmdID.CID_LOGIN_REQ_USERLOGIN_VALUE;

/**
 * The committed seed corpora of {@link GatewayFuzzTest} are what this derives from the golden frames (see
 * {@link FuzzSeeds}; {@code -Dfuzz.seeds.write=true} rewrites them).
 */
class GatewayFuzzSeedsTest {

    private static final Path INPUTS = Path.of("src/test/resources/dev/switchboard/gateway/fuzz/GatewayFuzzTestInputs");

    /**
     * {@link GatewayFuzzTest#loggedInCommand}: every client frame of the golden session (id, PC flag, body), the
     * mobile login's body sent as a (duplicate) login, and an empty body for every registered command.
     */
    @Test
    void commandSeedsAreDerivedFromTheGoldenFrames() {
        Map<String, byte[]> seeds = new TreeMap<>();
        for (GoldenFrame frame : GoldenFrames.load()) {
            if (!frame.fromServer()) {
                seeds.putIfAbsent(FuzzSeeds.PREFIX + "golden-%04x".formatted(frame.commandId()),
                        FuzzSeeds.concat(header(frame.commandId(), 0), GatewayTestSupport.body(frame)));
            }
        }
        for (int commandId : GatewayFuzzTest.COMMAND_IDS) {
            seeds.put(FuzzSeeds.PREFIX + "empty-%04x".formatted(commandId), header(commandId, 0));
            seeds.put(FuzzSeeds.PREFIX + "empty-mobile-%04x".formatted(commandId), header(commandId, 1));
        }
        FuzzSeeds.sync(INPUTS.resolve("loggedInCommand"), seeds);
    }

    /** {@link GatewayFuzzTest#loginBeforeLogin}: both golden logins, user12 on Android, a wrong password, nothing. */
    @Test
    void loginSeedsAreDerivedFromTheGoldenFrames() {
        Map<String, byte[]> seeds = new TreeMap<>();
        for (int connection : new int[] {GoldenFrames.USER12_CONNECTION, GoldenFrames.USER11_CONNECTION}) {
            seeds.put(FuzzSeeds.PREFIX + "golden-connection-" + connection, GatewayTestSupport.body(
                    GatewayTestSupport.golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE)));
        }
        IMLoginReq mobile = GatewayFuzzTest.mobileLogin();
        seeds.put(FuzzSeeds.PREFIX + "mobile", mobile.toByteArray());
        seeds.put(FuzzSeeds.PREFIX + "wrong-password", mobile.toBuilder().setPassword("0".repeat(32)).build()
                .toByteArray());
        seeds.put(FuzzSeeds.PREFIX + "empty", new byte[0]);
        FuzzSeeds.sync(INPUTS.resolve("loginBeforeLogin"), seeds);
    }

    private static byte[] header(int commandId, int flags) {
        return new byte[] {(byte) (commandId >> 8), (byte) commandId, (byte) flags};
    }
}
