package dev.switchboard.presence.directory;

import java.util.Map;

/**
 * One record of an import, columns by lowercase TeamTalk IMUser name.
 *
 * @param number  1-based position among the records (the header row of a CSV is not counted)
 * @param problem what makes the record unusable before its fields are even looked at, or null
 */
record ImportRow(int number, Map<String, String> fields, String problem) {
}
