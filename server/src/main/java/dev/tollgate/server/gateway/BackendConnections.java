package dev.tollgate.server.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Kept-alive connections to the backends, pooled per event loop: a loop's calls only ever take its
 * own, so the pool needs no lock and a call never leaves its loop. The most recently used connection
 * is taken first; one idle for longer than {@link #STALE_NANOS} is closed instead, as a backend may be
 * closing it just then.
 */
final class BackendConnections {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int MAX_IDLE_PER_BACKEND = 64;
    static final long STALE_NANOS = 4_000_000_000L;

    private final Class<? extends SocketChannel> type;
    private final FastThreadLocal<Map<String, ArrayDeque<Idle>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<String, ArrayDeque<Idle>> initialValue() {
            return new HashMap<>();
        }
    };
    private volatile SslContext tls;

    private record Idle(Channel channel, long since) {}

    BackendConnections(Class<? extends SocketChannel> type) {
        this.type = type;
    }

    /** The backend a call goes to: where to connect, and how to name it in {@code Host}. */
    record Target(String key, String host, int port, boolean tls, InetSocketAddress address) {
        /** Resolves the host name (the JDK caches it): done before the call reaches its loop. */
        static Target of(URI uri) {
            boolean tls = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
            String host = uri.getHost();
            return new Target(uri.getScheme() + "://" + host + ":" + port, host, port, tls, new InetSocketAddress(host, port));
        }

        String hostHeader() {
            boolean defaultPort = port == (tls ? 443 : 80);
            return defaultPort ? host : host + ":" + port;
        }
    }

    /** A connection to {@code target} on {@code loop}: an idle one, or a new one. Called on {@code loop}. */
    Future<Channel> acquire(EventLoop loop, Target target) {
        ArrayDeque<Idle> kept = idle.get().get(target.key());
        long now = System.nanoTime();
        while (kept != null && !kept.isEmpty()) {
            Idle last = kept.pollLast();
            if (last.channel().isActive() && now - last.since() < STALE_NANOS) {
                return loop.newSucceededFuture(last.channel());
            }
            last.channel().close();
        }
        Promise<Channel> connected = loop.newPromise();
        new Bootstrap().group(loop).channel(type).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws SSLException {
                        if (target.tls()) {
                            ch.pipeline().addLast(tls().newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new BackendHandler());
                    }
                })
                .connect(target.address()).addListener((ChannelFutureListener) done -> {
                    if (done.isSuccess()) {
                        connected.setSuccess(done.channel());
                    } else {
                        connected.setFailure(done.cause());
                    }
                });
        return connected;
    }

    /** Gives back a connection whose exchange ended cleanly; called on its loop. */
    void release(Target target, Channel channel) {
        ArrayDeque<Idle> kept = idle.get().computeIfAbsent(target.key(), k -> new ArrayDeque<>());
        if (kept.size() >= MAX_IDLE_PER_BACKEND || !channel.isActive()) {
            channel.close();
            return;
        }
        kept.addLast(new Idle(channel, System.nanoTime()));
    }

    private SslContext tls() throws SSLException {
        SslContext context = tls;
        if (context == null) {
            // The JDK's trust store, as the main port's client has it.
            context = SslContextBuilder.forClient().build();
            tls = context;
        }
        return context;
    }
}
