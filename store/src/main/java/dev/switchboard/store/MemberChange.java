package dev.switchboard.store;

import java.util.List;

/**
 * What a change of a group's members did.
 *
 * @param version the group's version after the change (unchanged when nothing changed)
 * @param current the members after the change, ascending
 * @param changed the ids actually added or removed, in the order asked
 */
public record MemberChange(int version, List<Long> current, List<Long> changed) {

    public MemberChange {
        current = List.copyOf(current);
        changed = List.copyOf(changed);
    }
}
