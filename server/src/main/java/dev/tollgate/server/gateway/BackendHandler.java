package dev.tollgate.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/** A pooled backend connection's end: what the backend sends goes to the exchange that holds the connection now, if any. */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private LoopExchange exchange;

    static BackendHandler of(io.netty.channel.Channel channel) {
        return channel.pipeline().get(BackendHandler.class);
    }

    void attach(LoopExchange holder) {
        exchange = holder;
    }

    void detach() {
        exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            // Nothing was asked: an idle connection that talks is not to be trusted with the next call.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        exchange.fromBackend((HttpObject) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.backendClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
