package dev.switchboard.client;

/**
 * Where login_server tells a client to connect (PROTOCOL.md §7.2).
 *
 * @param priorIp  the gateway address to try first ({@code priorIP})
 * @param backupIp the address to try when the first fails ({@code backupIP}; often the same)
 * @param port     the gateway's TCP port (TeamTalk sends it as a JSON string)
 */
public record MsgServerAddress(String priorIp, String backupIp, int port) {
}
