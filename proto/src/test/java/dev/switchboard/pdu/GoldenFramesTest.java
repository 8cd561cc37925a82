package dev.switchboard.pdu;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.switchboard.pdu.GoldenFrames.GoldenFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static dev.switchboard.pdu.CodecChannels.decode;
import static dev.switchboard.pdu.CodecChannels.decodeOne;
import static dev.switchboard.pdu.CodecChannels.encode;
import static org.assertj.core.api.Assertions.assertThat;

/** Every frame captured from real TeamTalk software goes through the codec and the generated classes unchanged. */
class GoldenFramesTest {

    static List<GoldenFrame> frames() {
        return GoldenFrames.load();
    }

    @Test
    void fixtureHoldsTheWholeCapturedSession() {
        assertThat(frames()).hasSize(28);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesToTheCapturedHeader(GoldenFrame golden) {
        Pdu pdu = decodeOne(golden.frame());

        assertThat(pdu.serviceId()).isEqualTo(golden.serviceId());
        assertThat(pdu.commandId()).isEqualTo(golden.commandId());
        assertThat(pdu.seq()).isEqualTo(golden.seq());
        assertThat(pdu.version()).isEqualTo(golden.version());
        assertThat(pdu.length()).isEqualTo(golden.frame().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void bodyParsesStrictlyAndReEncodesToTheCapturedBytes(GoldenFrame golden) throws InvalidProtocolBufferException {
        Pdu pdu = decodeOne(golden.frame());

        MessageLite message = BodyParsers.forCommand(pdu.commandId()).parseFrom(pdu.body());

        assertThat(message.isInitialized()).isTrue();
        Pdu reEncoded = new Pdu(pdu.version(), pdu.flag(), pdu.serviceId(), pdu.commandId(), pdu.seq(),
                pdu.reserved(), message.toByteArray());
        assertThat(encode(reEncoded)).isEqualTo(golden.frame());
    }

    @Test
    void eachDirectionOfEachConnectionDecodesAsOneStreamInOddChunks() {
        for (int connection : new int[] {GoldenFrames.USER12_CONNECTION, GoldenFrames.USER11_CONNECTION}) {
            for (boolean fromServer : new boolean[] {false, true}) {
                List<GoldenFrame> stream = frames().stream()
                        .filter(f -> f.connection() == connection && f.fromServer() == fromServer)
                        .toList();

                List<Pdu> decoded = decode(chunks(concatenate(stream), 7));

                assertThat(decoded).extracting(Pdu::commandId)
                        .containsExactlyElementsOf(stream.stream().map(GoldenFrame::commandId).toList());
                assertThat(decoded).extracting(Pdu::seq)
                        .containsExactlyElementsOf(stream.stream().map(GoldenFrame::seq).toList());
            }
        }
    }

    private static byte[] concatenate(List<GoldenFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.frame()));
        return out.toByteArray();
    }

    private static byte[][] chunks(byte[] bytes, int size) {
        byte[][] chunks = new byte[(bytes.length + size - 1) / size][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
        }
        return chunks;
    }
}
