package dev.switchboard.client;

import java.io.IOException;

/**
 * login_server answered, but with no gateway: {@code code} 1 when no msg_server is registered, 2 when all are full
 * (PROTOCOL.md §7.2). The message carries the server's own {@code msg}.
 */
public final class MsgServerUnavailableException extends IOException {

    private final int code;
    private final String serverMessage;

    public MsgServerUnavailableException(int code, String serverMessage) {
        super("login server has no msg_server: code=" + code + " msg=" + serverMessage);
        this.code = code;
        this.serverMessage = serverMessage;
    }

    /** login_server's {@code code}: 1 no msg_server, 2 all full. */
    public int code() {
        return code;
    }

    /** login_server's {@code msg}, e.g. {@code "没有msg_server"}. */
    public String serverMessage() {
        return serverMessage;
    }
}
