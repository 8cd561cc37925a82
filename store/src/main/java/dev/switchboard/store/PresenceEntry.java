package dev.switchboard.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One live connection of a user, as presence records it.
 *
 * @param clientType  TeamTalk ClientType value (0x01/0x02 PC, 0x11/0x12 mobile)
 * @param status      TeamTalk UserStatType the client chose (1 online, 3 leave)
 * @param sinceMillis when the connection logged in
 */
public record PresenceEntry(long userId, String gatewayId, long connectionId, int clientType, int status,
                            long sinceMillis) {

    /** TeamTalk's classification: bit 0x10 set means mobile. */
    public boolean mobile() {
        return (clientType & 0x10) == 0x10;
    }

    String field() {
        return field(gatewayId, connectionId);
    }

    String value() {
        return clientType + ":" + status + ":" + sinceMillis;
    }

    String member() {
        return userId + "/" + connectionId;
    }

    static String field(String gatewayId, long connectionId) {
        return gatewayId + "/" + connectionId;
    }

    static PresenceEntry parse(long userId, String field, String value) {
        int slash = field.lastIndexOf('/');
        String[] parts = value.split(":");
        return new PresenceEntry(userId, field.substring(0, slash), Long.parseLong(field.substring(slash + 1)),
                Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
    }

    /**
     * The entries of one user's presence hash as a script returns it: a flat field, value, field, value... list whose
     * elements are {@code byte[]} or {@code String}, depending on the codec that ran the script.
     */
    static List<PresenceEntry> parseFlat(long userId, List<?> flat) {
        List<PresenceEntry> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            entries.add(parse(userId, text(flat.get(i)), text(flat.get(i + 1))));
        }
        return entries;
    }

    private static String text(Object element) {
        return element instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) element;
    }
}
