package dev.tollgate.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;

/** A caller's connection in the event-loop harnesses, with the backend connection it owns: closed with it. */
abstract class CallerConnection extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** This caller's kept-alive backend connection, once there is one; only touched on the caller's event loop. */
    protected Channel backend;

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
