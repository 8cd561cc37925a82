package dev.switchboard.bench;

/** Why a connection or a step failed, named by a short bounded {@link #kind} that the error counts use. */
final class BenchFailure extends RuntimeException {

    private final String kind;

    BenchFailure(String kind, Throwable cause) {
        super(kind + (cause == null ? "" : ": " + cause.getMessage()), cause, false, false);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }
}
