package dev.switchboard.client;

import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds a client connection's pipeline: TLS when asked for, frame decoder, frame encoder, then the handler feeding
 * the client.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

    private final TeamTalkClient client;
    private final TlsTrust tls;
    private final String host;
    private final int port;

    /** {@code tls} null: plain TCP; else {@code host} and {@code port} are what the certificate is checked for. */
    ClientInitializer(TeamTalkClient client, TlsTrust tls, String host, int port) {
        this.client = client;
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        client.attach(channel);
        if (tls != null) {
            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
        }
        channel.pipeline().addLast(new PduDecoder(), PduEncoder.INSTANCE, new InboundPduHandler(client));
    }
}
