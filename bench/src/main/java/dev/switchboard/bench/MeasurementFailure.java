package dev.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run that completed but measured a failure (a login failed, an acknowledged message never reached its online
 * recipient): {@code ./switchboard bench} writes its figures to {@code summary.json}, prints one line saying what
 * failed instead of the table and the JSON line, and exits 1. A figure of a failed run is never printed as if fine.
 */
final class MeasurementFailure extends RuntimeException {

    private final Map<String, Object> figures;

    /**
     * @param what    what failed, how many, of which kind: the line the user reads
     * @param figures the run's figures, as a passing run would return them
     */
    MeasurementFailure(String what, Map<String, Object> figures) {
        super(what, null, false, false);
        this.figures = new LinkedHashMap<>(figures);
    }

    Map<String, Object> figures() {
        return figures;
    }
}
