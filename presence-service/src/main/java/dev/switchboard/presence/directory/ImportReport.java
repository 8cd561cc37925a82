package dev.switchboard.presence.directory;

import java.util.List;
import java.util.Map;

/**
 * What an import did: ids created, ids replaced, and each rejected row with its reasons (field -> reason).
 */
record ImportReport(List<Long> created, List<Long> updated, List<Rejected> rejected) {

    /** A row that was not imported; {@code name} as given, when there was one. */
    record Rejected(int row, String name, Map<String, String> reasons) {
    }

    void reject(ImportRow row, String name, Map<String, String> reasons) {
        rejected.add(new Rejected(row.number(), name, reasons));
    }
}
