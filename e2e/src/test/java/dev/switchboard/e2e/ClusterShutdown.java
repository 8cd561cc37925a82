package dev.switchboard.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared cluster when the test run ends, while Kafka and Redis are still up, so no consumer waits at JVM
 * exit for a broker that other shutdown hooks already stopped.
 */
public final class ClusterShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Cluster.stopIfStarted();
    }
}
