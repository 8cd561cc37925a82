package dev.switchboard.local;

/** A service that fails during startup: prints a reason and exits with code 3. */
public final class FakeCrashingService {

    private FakeCrashingService() {
    }

    public static void main(String[] args) {
        System.out.println("boom: cannot reach kafka");
        System.exit(3);
    }
}
