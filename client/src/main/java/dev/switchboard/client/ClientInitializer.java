package dev.switchboard.client;

import dev.switchboard.pdu.PduDecoder;
import dev.switchboard.pdu.PduEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds a client connection's pipeline: frame decoder, frame encoder, then the handler feeding the client. */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

    private final TeamTalkClient client;

    ClientInitializer(TeamTalkClient client) {
        this.client = client;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        client.attach(channel);
        channel.pipeline().addLast(new PduDecoder(), PduEncoder.INSTANCE, new InboundPduHandler(client));
    }
}
