package dev.switchboard.pdu;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The committed seed corpus of {@link PduDecoderFuzzTest} is what {@link FuzzSeeds} derives from the golden frames. */
class FuzzSeedsTest {

    @Test
    void decoderSeedsAreDerivedFromTheGoldenFrames() {
        FuzzSeeds.sync(Path.of("src/test/resources/dev/switchboard/pdu/PduDecoderFuzzTestInputs/decode"),
                FuzzSeeds.decoderSeeds());
    }
}
