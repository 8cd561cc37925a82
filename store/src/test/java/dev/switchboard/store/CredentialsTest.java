package dev.switchboard.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    private static final String DIGEST_123456 = "e10adc3949ba59abbe56e057f20f883e";

    @Test
    void computesTheDigestTeamTalkClientsSend() {
        assertThat(Credentials.md5hex("123456")).isEqualTo(DIGEST_123456);
    }

    @Test
    void acceptsTheRightDigestAndRejectsAWrongOne() {
        String stored = Credentials.hash(DIGEST_123456, 1000);

        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain(DIGEST_123456);
        assertThat(Credentials.matches(stored, DIGEST_123456)).isTrue();
        assertThat(Credentials.matches(stored, DIGEST_123456.toUpperCase())).isTrue();
        assertThat(Credentials.matches(stored, Credentials.md5hex("654321"))).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        assertThat(Credentials.hash(DIGEST_123456, 1000)).isNotEqualTo(Credentials.hash(DIGEST_123456, 1000));
    }

    @Test
    void acceptsImportedTeamTalkRows() {
        // TeamTalk's PHP admin stores md5(md5(password) . salt) with a numeric salt.
        String column = Credentials.md5hex(DIGEST_123456 + "4321");
        String stored = Credentials.teamTalk("4321", column);

        assertThat(Credentials.matches(stored, DIGEST_123456)).isTrue();
        assertThat(Credentials.matches(stored, Credentials.md5hex("wrong"))).isFalse();
        assertThat(Credentials.needsUpgrade(stored)).isTrue();
    }

    @Test
    void neverMatchesMissingOrMalformedCredentials() {
        assertThat(Credentials.matches(null, DIGEST_123456)).isFalse();
        assertThat(Credentials.matches("plain", DIGEST_123456)).isFalse();
        assertThat(Credentials.matches("pbkdf2-sha256$x$%%$%%", DIGEST_123456)).isFalse();
    }
}
