package dev.switchboard.presence.login;

import java.util.Map;
import java.util.TreeMap;

/**
 * A flat JSON object written the way jsoncpp's {@code toStyledString()} writes it, which TeamTalk clients were tested
 * against: keys sorted, one per line, 3-space indent, {@code "key" : value}, a trailing newline, UTF-8 unescaped.
 */
final class StyledJson {

    private final Map<String, String> members = new TreeMap<>();

    static StyledJson object() {
        return new StyledJson();
    }

    StyledJson string(String key, String value) {
        members.put(key, quote(value));
        return this;
    }

    StyledJson number(String key, long value) {
        members.put(key, String.valueOf(value));
        return this;
    }

    String build() {
        StringBuilder json = new StringBuilder("{\n");
        int left = members.size();
        for (Map.Entry<String, String> member : members.entrySet()) {
            json.append("   ").append(quote(member.getKey())).append(" : ").append(member.getValue());
            json.append(--left > 0 ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
