package dev.switchboard.gateway.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every ERROR the gateway logs ({@code dev.switchboard.*}), such as ClientHandler's
 * {@code unexpected error}: for a fuzz test an ERROR is a finding, reported with the exception that caused it.
 */
final class ErrorLog extends AppenderBase<ILoggingEvent> {

    private static final ErrorLog INSTANCE = new ErrorLog();

    private final List<ILoggingEvent> errors = new ArrayList<>();

    /** The collector, attached to the {@code dev.switchboard} logger on first use. */
    static synchronized ErrorLog attach() {
        if (!INSTANCE.isStarted()) {
            Logger logger = (Logger) LoggerFactory.getLogger("dev.switchboard");
            INSTANCE.setContext(logger.getLoggerContext());
            INSTANCE.setName("fuzz-errors");
            INSTANCE.start();
            logger.addAppender(INSTANCE);
        }
        return INSTANCE;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.add(event);
        }
    }

    /** Throws an {@link AssertionError} carrying the first ERROR logged since the last call, if any; then forgets them. */
    synchronized void assertNoErrorSinceLastCheck() {
        if (errors.isEmpty()) {
            return;
        }
        ILoggingEvent first = errors.get(0);
        int count = errors.size();
        errors.clear();
        Throwable cause = first.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
        throw new AssertionError("the gateway logged " + count + " ERROR(s), first: " + first.getLoggerName() + " "
                + first.getFormattedMessage(), cause);
    }
}
