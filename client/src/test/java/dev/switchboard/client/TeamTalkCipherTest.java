package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

class TeamTalkCipherTest {

    static IntStream lengths() {
        return IntStream.rangeClosed(0, 40);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void decryptsWhatItEncryptsForEveryLengthUpTo40(int length) {
        String text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".substring(0, length);

        assertThat(TeamTalkCipher.decrypt(TeamTalkCipher.encrypt(text))).contains(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 16", "1, 16", "12, 16", "13, 32", "15, 32", "16, 32", "17, 32", "28, 32", "29, 48", "32, 48"})
    void padsToWholeBlocksLeavingRoomForTheLength(int length, int expectedBytes) {
        byte[] encrypted = Base64.getDecoder().decode(TeamTalkCipher.encrypt("x".repeat(length)));

        assertThat(encrypted).hasSize(expectedBytes);
    }

    @Test
    void storesZeroPaddedPlaintextWithItsLengthBigEndianInTheLastFourBytes() throws Exception {
        byte[] plain = aesDecrypt(Base64.getDecoder().decode(TeamTalkCipher.encrypt("hello")));

        assertThat(plain).hasSize(16);
        assertThat(Arrays.copyOf(plain, 5)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(plain, 5, 12)).containsOnly(0);
        assertThat(ByteBuffer.wrap(plain, 12, 4).getInt()).isEqualTo(5);
    }

    @Test
    void roundTripsMultiByteUtf8() {
        assertThat(TeamTalkCipher.decrypt(TeamTalkCipher.encrypt("你好, TeamTalk"))).contains("你好, TeamTalk");
    }

    @Test
    void findsNoCiphertextInTheClearTextTeamTalksTestClientSends() {
        // msg_data of the captured IMMsgData from TeamTalk's own C++ test client: "hello user12", not encrypted
        assertThat(TeamTalkCipher.decrypt("hello user12".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aGVsbG8=", "not base64!", "AAAAAAAAAAAAAAAAAAAAAA=="})
    void findsNoCiphertextInOtherNonCiphertexts(String msgData) {
        // "aGVsbG8=" is base64 of 5 bytes; the last is 16 zero bytes, which decrypt to a huge stored length
        assertThat(TeamTalkCipher.decrypt(msgData.getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    private static byte[] aesDecrypt(byte[] encrypted) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
        byte[] key = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(encrypted);
    }
}
