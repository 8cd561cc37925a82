package dev.switchboard.store;

import dev.switchboard.store.SendClaims.Claim;
import dev.switchboard.store.SendClaims.Outcome;
import dev.switchboard.store.SendClaims.SendKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class SendClaimsTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration PENDING = Duration.ofSeconds(10);
    private static final long NOW = 1_700_000_000_000L;

    private final RedisTestSupport redis = new RedisTestSupport();
    private final SendClaims claims = new SendClaims(redis.text.async(), redis.keys);
    private final MessageStore messages = new MessageStore(redis.bytes.async(), redis.keys);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theFirstCopyClaimsTheNextMsgIdAndACopyWaitsUntilItIsAcknowledged() {
        SendKey key = new SendKey(1, 1, 2, "aa");

        Claim first = join(claims.claim(key, NOW, WINDOW, PENDING));
        Claim whilePublishing = join(claims.claim(key, NOW + 1, WINDOW, PENDING));
        join(claims.acknowledge(key, first.msgId()));
        Claim afterAck = join(claims.claim(key, NOW + 2, WINDOW, PENDING));

        assertThat(first.outcome()).isEqualTo(Outcome.CLAIMED);
        assertThat(first.msgId()).isEqualTo(1);
        assertThat(whilePublishing).isEqualTo(new Claim(Outcome.PENDING, 1, null));
        assertThat(afterAck).isEqualTo(new Claim(Outcome.ACKNOWLEDGED, 1, null));
        assertThat(join(messages.latestSingleMsgId(2, 1))).as("no msg_id spent on copies").isEqualTo(1);
    }

    @Test
    void otherContentOrAnotherConversationIsAnotherMessage() {
        join(claims.claim(new SendKey(1, 1, 2, "aa"), NOW, WINDOW, PENDING));

        assertThat(join(claims.claim(new SendKey(1, 1, 2, "bb"), NOW, WINDOW, PENDING)).msgId()).isEqualTo(2);
        assertThat(join(claims.claim(new SendKey(2, 1, 1, "aa"), NOW, WINDOW, PENDING)).msgId()).isEqualTo(3);
        assertThat(join(claims.claim(new SendKey(1, 1, 3, "aa"), NOW, WINDOW, PENDING)).msgId()).isEqualTo(1);
    }

    @Test
    void aReleasedClaimIsTakenOverWithTheSameMsgIdOnlyOnce() {
        SendKey key = new SendKey(1, 1, 2, "aa");
        Claim failed = join(claims.claim(key, NOW, WINDOW, PENDING));

        assertThat(join(claims.release(key, failed))).isTrue();
        Claim resend = join(claims.claim(key, NOW + 1, WINDOW, PENDING));
        Claim another = join(claims.claim(key, NOW + 2, WINDOW, PENDING));

        assertThat(resend.outcome()).isEqualTo(Outcome.CLAIMED);
        assertThat(resend.msgId()).isEqualTo(failed.msgId());
        assertThat(another.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(join(claims.release(key, failed))).as("no longer the first publisher's claim").isFalse();
    }

    @Test
    void aPendingClaimPastItsDeadlineIsTakenOverWithTheSameMsgId() {
        SendKey key = new SendKey(1, 1, 2, "aa");
        Claim lost = join(claims.claim(key, NOW, WINDOW, PENDING));

        Claim resend = join(claims.claim(key, NOW + PENDING.toMillis() + 1, WINDOW, PENDING));

        assertThat(resend.outcome()).isEqualTo(Outcome.CLAIMED);
        assertThat(resend.msgId()).isEqualTo(lost.msgId());
    }

    @Test
    void aGroupMessageIsClaimedOnlyForAMember() {
        join(redis.text.async().sadd(redis.keys.groupMembers(7), "1"));

        assertThat(join(claims.claim(new SendKey(1, 2, 7, "aa"), NOW, WINDOW, PENDING)))
                .extracting(Claim::outcome, Claim::msgId).containsExactly(Outcome.CLAIMED, 1L);
        assertThat(join(claims.claim(new SendKey(3, 2, 7, "aa"), NOW, WINDOW, PENDING)).outcome())
                .isEqualTo(Outcome.NOT_MEMBER);
        assertThat(join(claims.claim(new SendKey(1, 2, 7, "bb"), NOW, WINDOW, PENDING)).msgId()).isEqualTo(2);
    }

    @Test
    void theClaimExpiresAfterTheWindow() {
        SendKey key = new SendKey(1, 1, 2, "aa");

        join(claims.claim(key, NOW, Duration.ofSeconds(30), PENDING));

        long ttl = join(redis.text.async().pttl(redis.keys.sendClaim(1, 1, 2, "aa")));
        assertThat(ttl).isBetween(1L, 30_000L);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
