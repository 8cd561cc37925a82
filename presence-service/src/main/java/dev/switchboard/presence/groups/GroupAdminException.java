package dev.switchboard.presence.groups;

import org.springframework.http.HttpStatus;

/** A group admin request that cannot be served: its HTTP status and a message for the caller. */
final class GroupAdminException extends RuntimeException {

    private final HttpStatus status;

    private GroupAdminException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static GroupAdminException badRequest(String message) {
        return new GroupAdminException(HttpStatus.BAD_REQUEST, message);
    }

    static GroupAdminException notFound(long groupId) {
        return new GroupAdminException(HttpStatus.NOT_FOUND, "no group " + groupId);
    }

    HttpStatus status() {
        return status;
    }
}
