package dev.switchboard.store;

/** A group's id and current version, as TeamTalk's {@code GroupVersionInfo} lists them. */
public record GroupVersion(long groupId, int version) {
}
