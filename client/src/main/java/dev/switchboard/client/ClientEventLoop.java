package dev.switchboard.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one event loop group every {@link TeamTalkClient} in the JVM shares. Its threads are daemons, so a test or the
 * CLI can exit without shutting it down.
 */
final class ClientEventLoop {

    static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("switchboard-client", true), NioIoHandler.newFactory());

    private ClientEventLoop() {
    }
}
