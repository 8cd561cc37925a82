package dev.switchboard.store;

/** The outcome of a directory write ({@link UserDirectory}, {@link DepartmentStore}); nothing is written unless OK. */
public enum DirectoryWrite {
    OK,
    /** A create named an id that already exists. */
    ID_TAKEN,
    /** An update named an id that does not exist. */
    NOT_FOUND,
    /** The login name belongs to another user. */
    NAME_TAKEN;

    static DirectoryWrite of(String scriptResult) {
        return switch (scriptResult) {
            case "ok" -> OK;
            case "id_taken" -> ID_TAKEN;
            case "not_found" -> NOT_FOUND;
            case "name_taken" -> NAME_TAKEN;
            default -> throw new IllegalStateException("unexpected directory script result: " + scriptResult);
        };
    }
}
