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
     * {@link GatewayFuzzTest#command}: every client frame of the golden session on the PC session (the logins, sent
     * again, are ignored as duplicates), an empty body for every registered command in each of the three connection
     * states, and before login: both golden logins, user12 on Android and with a wrong password.
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
            seeds.put(FuzzSeeds.PREFIX + "empty-pc-%04x".formatted(commandId), header(commandId, 0));
            seeds.put(FuzzSeeds.PREFIX + "empty-mobile-%04x".formatted(commandId),
                    header(commandId, GatewayFuzzTest.MOBILE));
            seeds.put(FuzzSeeds.PREFIX + "empty-before-login-%04x".formatted(commandId),
                    header(commandId, GatewayFuzzTest.BEFORE_LOGIN));
        }
        byte[] login = header(CID_LOGIN_REQ_USERLOGIN_VALUE, GatewayFuzzTest.BEFORE_LOGIN);
        for (int connection : new int[] {GoldenFrames.USER12_CONNECTION, GoldenFrames.USER11_CONNECTION}) {
            seeds.put(FuzzSeeds.PREFIX + "login-golden-connection-" + connection, FuzzSeeds.concat(login,
                    GatewayTestSupport.body(GatewayTestSupport.golden(connection, false, CID_LOGIN_REQ_USERLOGIN_VALUE))));
        }
        IMLoginReq mobile = GatewayFuzzTest.mobileLogin();
        seeds.put(FuzzSeeds.PREFIX + "login-mobile", FuzzSeeds.concat(login, mobile.toByteArray()));
        seeds.put(FuzzSeeds.PREFIX + "login-wrong-password", FuzzSeeds.concat(login,
                mobile.toBuilder().setPassword("0".repeat(32)).build().toByteArray()));
        FuzzSeeds.sync(INPUTS.resolve("command"), seeds);
    }

    private static byte[] header(int commandId, int flags) {
        return new byte[] {(byte) (commandId >> 8), (byte) commandId, (byte) flags};
    }
}
