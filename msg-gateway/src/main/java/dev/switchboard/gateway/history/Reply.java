package dev.switchboard.gateway.history;

import com.google.protobuf.MessageLite;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.session.Session;
import dev.switchboard.pdu.Pdu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The answer to one client request: its response command, with the request's seq. A read from the store answers
 * with what it found; a read that failed answers with an empty response (TeamTalk's answer without a database), so
 * no request with a response type goes unanswered.
 */
record Reply(Session session, int serviceId, int commandId, int seq) {

    private static final Logger log = LoggerFactory.getLogger(Reply.class);

    void send(MessageLite body) {
        session.send(Pdu.of(serviceId, commandId, seq, body));
    }

    <T> void when(CompletionStage<T> read, Function<T, ? extends MessageLite> response,
                  Supplier<? extends MessageLite> empty, GatewayMetrics metrics) {
        read.thenApply(response).whenComplete((body, error) -> {
            if (error == null) {
                send(body);
                return;
            }
            metrics.commandFailed("store_unavailable");
            log.warn("read failed, answering empty userId={} commandId=0x{} error={}", session.userId(),
                    Integer.toHexString(commandId), error.toString());
            send(empty.get());
        });
    }
}
