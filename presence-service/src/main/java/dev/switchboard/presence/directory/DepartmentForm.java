package dev.switchboard.presence.directory;

import dev.switchboard.store.DepartmentRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** A department as the admin API receives it; {@link #problems} says which fields are missing or wrong. */
record DepartmentForm(Long id, String name, Integer priority, Long parentId, Integer status) {

    static final int MAX_NAME = 64;

    Map<String, String> problems(boolean creating) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (id != null && (id < 1 || id > Integer.MAX_VALUE)) {
            problems.put("id", "must be from 1 to " + Integer.MAX_VALUE);
        }
        if (creating && (name == null || name.isBlank())) {
            problems.put("name", "required");
        } else if (name != null && (name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME)) {
            problems.put("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (priority != null && priority < 0) {
            problems.put("priority", "must be >= 0");
        }
        if (parentId != null && (parentId < 0 || parentId > Integer.MAX_VALUE)) {
            problems.put("parentId", "must be from 0 (top level) to " + Integer.MAX_VALUE);
        }
        if (status != null && status != 0 && status != 1) {
            problems.put("status", "must be 0 (ok) or 1 (deleted)");
        }
        return problems;
    }

    /** The department with this form's fields over {@code base}'s (a create passes an empty base). */
    DepartmentRecord over(DepartmentRecord base, long departmentId, long now) {
        return new DepartmentRecord(departmentId, name != null ? name : base.name(),
                priority != null ? priority : base.priority(), parentId != null ? parentId : base.parentId(),
                status != null ? status : base.status(), now);
    }
}
