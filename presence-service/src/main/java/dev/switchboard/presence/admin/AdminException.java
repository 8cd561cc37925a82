package dev.switchboard.presence.admin;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A refused admin request, answered by {@link AdminErrorHandler} as JSON
 * {@code {"error": ..., "message": ..., "fields": {...}}}.
 */
public final class AdminException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, String> fields;

    public AdminException(HttpStatus status, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    public static AdminException badRequest(Map<String, String> fields) {
        return new AdminException(HttpStatus.BAD_REQUEST, "invalid fields", fields);
    }

    public static AdminException notFound(String what) {
        return new AdminException(HttpStatus.NOT_FOUND, what + " not found", Map.of());
    }

    public static AdminException conflict(String message, String field) {
        return new AdminException(HttpStatus.CONFLICT, message, Map.of(field, message));
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
