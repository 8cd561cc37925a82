package dev.switchboard.pdu;

import com.mogujie.tt.protobuf.IMBaseDefine.OtherCmdID;
import com.mogujie.tt.protobuf.IMBaseDefine.ServiceID;
import com.mogujie.tt.protobuf.IMOther.IMHeartBeat;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static dev.switchboard.pdu.CodecChannels.decodeOne;
import static dev.switchboard.pdu.CodecChannels.encode;
import static org.assertj.core.api.Assertions.assertThat;

class PduEncoderTest {

    private static final byte[] HEARTBEAT = HexFormat.of().parseHex("00000010" + "0001" + "0000" + "0007" + "0701" + "0000" + "0000");

    @Test
    void encodesServerHeartbeatAsTheSixteenBytesTeamTalkWrites() {
        Pdu heartbeat = Pdu.of(ServiceID.SID_OTHER_VALUE, OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, 0,
                IMHeartBeat.getDefaultInstance());

        assertThat(encode(heartbeat)).isEqualTo(HEARTBEAT);
    }

    @Test
    void heartbeatRoundTripsByteForByte() {
        assertThat(encode(decodeOne(HEARTBEAT))).isEqualTo(HEARTBEAT);
    }

    @Test
    void keepsForeignHeaderFieldsOfAForwardedPdu() {
        byte[] frame = HexFormat.of().parseHex("00000018" + "0006" + "0000" + "0003" + "0302" + "215e" + "0000"
                + "080b100c18012001");

        assertThat(encode(decodeOne(frame))).isEqualTo(frame);
    }

    @Test
    void writesSequenceNumbersAboveSignedShortRangeAsUnsigned() {
        Pdu pdu = Pdu.of(ServiceID.SID_OTHER_VALUE, OtherCmdID.CID_OTHER_HEARTBEAT_VALUE, 0xfffe, new byte[0]);

        byte[] frame = encode(pdu);

        assertThat(frame).hasSize(16);
        assertThat(HexFormat.of().formatHex(frame, 12, 14)).isEqualTo("fffe");
        assertThat(decodeOne(frame).seq()).isEqualTo(0xfffe);
    }
}
