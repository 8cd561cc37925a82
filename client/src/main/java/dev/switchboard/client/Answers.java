package dev.switchboard.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.switchboard.pdu.Pdu;
import io.netty.channel.ChannelFuture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Turns answers to requests into values: parsing, blocking waits with a timeout, write completions. */
final class Answers {

    private Answers() {
    }

    /** Parses the answer; giving up on the result (cancel, orTimeout) also frees the request's seq. */
    static <T extends MessageLite> CompletableFuture<T> parsed(
            CompletableFuture<Pdu> answer, int expectedCommandId, Parser<T> parser) {
        CompletableFuture<T> result = answer.thenApply(pdu -> parse(pdu, expectedCommandId, parser));
        result.whenComplete((value, failure) -> answer.cancel(false));
        return result;
    }

    static <T extends MessageLite> T parse(Pdu pdu, int expectedCommandId, Parser<T> parser) {
        if (pdu.commandId() != expectedCommandId) {
            throw new TeamTalkClientException("unexpected answer cid=0x%04x (expected: 0x%04x)"
                    .formatted(pdu.commandId(), expectedCommandId));
        }
        try {
            return parser.parsePartialFrom(pdu.body());
        } catch (InvalidProtocolBufferException e) {
            throw new TeamTalkClientException("unparsable body cid=0x%04x".formatted(pdu.commandId()), e);
        }
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new TeamTalkClientException("timeout: no answer to " + what + " within " + describe(timeout));
        } catch (ExecutionException e) {
            throw new TeamTalkClientException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamTalkClientException("interrupted waiting for " + what, e);
        }
    }

    static CompletableFuture<Void> completion(ChannelFuture write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        write.addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new TeamTalkClientException("write failed", f.cause()));
            }
        });
        return done;
    }

    /** {@code 10s}, {@code 250ms}: durations as a user reads them. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
