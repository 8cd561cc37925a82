package dev.switchboard.presence.directory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /admin/users/import} with {@code text/csv} (a header row naming TeamTalk IMUser columns) or
 * {@code application/json} (an array of objects with the same keys); answers the {@link ImportReport}.
 */
@RestController
final class UserImportController {

    private final UserImport userImport;

    UserImportController(UserImport userImport) {
        this.userImport = userImport;
    }

    @PostMapping(path = "/admin/users/import", consumes = "text/csv")
    ImportReport importCsv(@RequestBody String csv) {
        return userImport.importRows(CsvRows.parse(csv));
    }

    @PostMapping(path = "/admin/users/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importJson(@RequestBody List<Map<String, Object>> records) {
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> fields = new HashMap<>();
            Map<String, Object> record = records.get(i) == null ? Map.of() : records.get(i);
            record.forEach((key, value) -> {
                if (value != null) {
                    fields.put(key.toLowerCase(Locale.ROOT), String.valueOf(value));
                }
            });
            rows.add(new ImportRow(i + 1, fields, null));
        }
        return userImport.importRows(rows);
    }
}
