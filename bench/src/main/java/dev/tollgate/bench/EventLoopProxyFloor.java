package dev.tollgate.bench;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.FileJournal;
import dev.tollgate.core.metering.UsageRecord;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What an event-driven gateway could cost at best on this machine, measured beside nginx by
 * {@code FLOOR=1 bench/run-proxy-compare.sh}: a bare HTTP/1.1 reverse proxy on Netty's event loops (each
 * caller's connection has its own kept-alive backend connection on the same event loop, so a call
 * never changes threads), and the same proxy making a charge durable in Tollgate's {@link FileJournal}
 * before it forwards, resumed by the flush rather than waiting for it. No credential, quota or
 * header rules: the floor under Tollgate's gateway call, not a gateway.
 *
 * <pre>java -cp "bench/target/tollgate-bench.jar:bench/target/lib/*" dev.tollgate.bench.EventLoopProxyFloor
 *     PORT BACKEND_PORT [JOURNAL_DATA_DIR]</pre>
 * {@code -Dfloor.threads=N} sets the event loops (default: the cores), {@code -Dfloor.nio=true} uses
 * Java NIO instead of Linux's epoll.
 */
public final class EventLoopProxyFloor {
    private EventLoopProxyFloor() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length >= 2 ? portOrZero(args[0]) : 0;
        int backendPort = args.length >= 2 ? portOrZero(args[1]) : 0;
        if (port == 0 || backendPort == 0) {
            System.err.println("usage: EventLoopProxyFloor PORT BACKEND_PORT [JOURNAL_DATA_DIR] (ports 1-65535)");
            System.exit(2);
        }
        var backend = new InetSocketAddress("127.0.0.1", backendPort);
        FileJournal journal = args.length > 2 ? FileJournal.open(Path.of(args[2])) : null;
        boolean epoll = !Boolean.getBoolean("floor.nio") && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends SocketChannel> clientChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Integer.getInteger("floor.threads", Runtime.getRuntime().availableProcessors()), io);
        Channel server = new ServerBootstrap().group(loops).channel(serverChannel)
                .childOption(ChannelOption.TCP_NODELAY, true).childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Frontend(backend, clientChannel, journal));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("EventLoopProxyFloor ready on " + port + " (" + (epoll ? "epoll" : "nio")
                + (journal != null ? ", charges journaled" : "") + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            loops.shutdownGracefully().syncUninterruptibly();
            if (journal != null) {
                journal.close();
            }
        }));
        server.closeFuture().sync();
    }

    private static int portOrZero(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? port : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** One caller's connection: opens its backend connection on its own event loop, then reads calls. */
    private static final class Frontend extends CallerConnection {
        private final InetSocketAddress address;
        private final Class<? extends SocketChannel> clientChannel;
        private final FileJournal journal;

        Frontend(InetSocketAddress address, Class<? extends SocketChannel> clientChannel, FileJournal journal) {
            this.address = address;
            this.clientChannel = clientChannel;
            this.journal = journal;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel caller = ctx.channel();
            new Bootstrap().group(caller.eventLoop()).channel(clientChannel).option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Backend(caller));
                        }
                    })
                    .connect(address).addListener((ChannelFutureListener) connected -> {
                        if (connected.isSuccess()) {
                            backend = connected.channel();
                            caller.read();
                            caller.config().setAutoRead(true);
                        } else {
                            caller.close();
                        }
                    });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest call) {
            var forwarded = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, call.method(), call.uri(), call.content().retain());
            forwarded.headers().set(call.headers()).set(HttpHeaderNames.HOST, address.getHostString() + ":" + address.getPort());
            if (journal == null) {
                backend.writeAndFlush(forwarded);
                return;
            }
            var charge = UsageRecord.charge(UsageRecord.newCallId(), Instant.now(), "bench-p", "bench", "bench.get", CredentialKind.KEY,
                    "key-0123456789", Optional.empty(), call.content().readableBytes());
            journal.appendAsync(charge).whenComplete((durable, failed) -> ctx.channel().eventLoop().execute(() -> {
                if (failed == null) {
                    backend.writeAndFlush(forwarded);
                } else {
                    forwarded.release();
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE));
                }
            }));
        }
    }

    /** The backend connection of one caller's connection: each answer goes back to that caller. */
    private static final class Backend extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Channel caller;

        Backend(Channel caller) {
            this.caller = caller;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse answer) {
            caller.writeAndFlush(answer.retainedDuplicate());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            caller.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
