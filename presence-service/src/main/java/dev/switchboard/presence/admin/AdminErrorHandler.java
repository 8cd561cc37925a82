package dev.switchboard.presence.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what goes wrong in an admin controller into a JSON error: the {@link AdminException}'s status, 400 for an
 * unreadable body or a malformed path or query value, 500 otherwise (logged
 * without the request body; outside {@code /admin} Spring's own handling applies).
 */
@RestControllerAdvice(basePackages = "dev.switchboard.presence")
final class AdminErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminErrorHandler.class);

    @ExceptionHandler(AdminException.class)
    ResponseEntity<Map<String, Object>> refused(AdminException e) {
        return body(e.status(), e.getMessage(), e.fields());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "unreadable request body", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid value", Map.of(e.getName(), "not a valid " + e.getName()));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> failed(RuntimeException e, HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/admin")) {
            throw e;
        }
        log.error("admin request failed error={}", e.toString());
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", Map.of());
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, Map<String, String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", status.getReasonPhrase());
        json.put("message", message);
        if (!fields.isEmpty()) {
            json.put("fields", fields);
        }
        return ResponseEntity.status(status).body(json);
    }
}
