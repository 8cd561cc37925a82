package dev.switchboard.local;

import java.util.concurrent.CountDownLatch;

/** A service that never becomes ready: runs, logs one line and listens nowhere. */
public final class FakeSilentService {

    private FakeSilentService() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("fake silent service: waiting forever");
        new CountDownLatch(1).await();
    }
}
