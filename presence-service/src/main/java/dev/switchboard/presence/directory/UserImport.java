package dev.switchboard.presence.directory;

import dev.switchboard.presence.admin.AdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports TeamTalk IMUser rows (columns id, sex, name, domain, nick, password, salt, phone, email, avatar, departId,
 * status, sign_info; others ignored). A row with an id creates or replaces that user; without one it creates a user
 * with the next free id. With a salt the password column is kept as TeamTalk's {@code md5(md5hex + salt)}, so
 * imported users log in with their old passwords. Each row succeeds or is rejected on its own, with its reasons.
 */
@Component
final class UserImport {

    static final int MAX_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(UserImport.class);

    private final UserAccounts accounts;

    UserImport(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** Imports every row; the report lists created and updated ids and each rejected row with its reasons. */
    ImportReport importRows(List<ImportRow> rows) {
        if (rows.size() > MAX_ROWS) {
            throw AdminException.badRequest(Map.of("rows", rows.size() + " (expected: at most " + MAX_ROWS + ")"));
        }
        ImportReport report = new ImportReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ImportRow row : rows) {
            importRow(row, report);
        }
        log.info("users imported created={} updated={} rejected={}", report.created().size(),
                report.updated().size(), report.rejected().size());
        return report;
    }

    private void importRow(ImportRow row, ImportReport report) {
        if (row.problem() != null) {
            report.reject(row, null, Map.of("row", row.problem()));
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        UserForm form = form(row.fields(), problems);
        problems.putAll(form.problems(true));
        if (!problems.isEmpty()) {
            report.reject(row, form.name(), problems);
            return;
        }
        try {
            if (form.id() == null) {
                report.created().add(accounts.create(form).id());
            } else if (accounts.replace(form)) {
                report.created().add(form.id());
            } else {
                report.updated().add(form.id());
            }
        } catch (AdminException e) {
            report.reject(row, form.name(), e.fields().isEmpty() ? Map.of("row", e.getMessage()) : e.fields());
        }
    }

    private static UserForm form(Map<String, String> f, Map<String, String> problems) {
        String salt = text(f, "salt");
        return new UserForm(number(f, "id", problems), text(f, "name"), text(f, "nick"),
                integer(f, "sex", problems), text(f, "avatar"), number(f, "departid", problems), text(f, "email"),
                null, text(f, "phone"), text(f, "domain"), integer(f, "status", problems), text(f, "sign_info"),
                text(f, "password"), salt == null || salt.isEmpty() ? null : salt);
    }

    private static String text(Map<String, String> fields, String column) {
        return fields.get(column);
    }

    private static Integer integer(Map<String, String> fields, String column, Map<String, String> problems) {
        Long value = number(fields, column, problems);
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Long number(Map<String, String> fields, String column, Map<String, String> problems) {
        String value = fields.get(column);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            problems.put(column, "'" + value + "' is not a whole number");
            return null;
        }
    }
}
