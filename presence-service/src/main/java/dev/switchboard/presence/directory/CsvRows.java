package dev.switchboard.presence.directory;

import dev.switchboard.presence.admin.AdminException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads RFC 4180 CSV: a header row naming the columns, then one record per line; fields may be quoted, with
 * {@code ""} for a quote and line breaks inside quotes. Blank lines are skipped. A record with more fields than the
 * header is kept as a row with a problem; missing trailing fields are absent.
 */
final class CsvRows {

    private CsvRows() {
    }

    static List<ImportRow> parse(String text) {
        List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw AdminException.badRequest(Map.of("csv", "empty: expected a header row naming the columns"));
        }
        List<String> header = records.get(0).stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> values = records.get(i);
            if (values.size() > header.size()) {
                rows.add(new ImportRow(i, Map.of(), "has " + values.size() + " fields, the header " + header.size()));
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < values.size(); c++) {
                fields.put(header.get(c), values.get(c));
            }
            rows.add(new ImportRow(i, fields, null));
        }
        return rows;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean touched = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                touched = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                touched = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field, touched);
                record = new ArrayList<>();
                touched = false;
            } else {
                field.append(c);
                touched = true;
            }
        }
        if (quoted) {
            throw AdminException.badRequest(Map.of("csv", "unterminated quoted field"));
        }
        endRecord(records, record, field, touched);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field,
                                  boolean touched) {
        if (touched) {
            record.add(field.toString());
            records.add(record);
        }
        field.setLength(0);
    }
}
