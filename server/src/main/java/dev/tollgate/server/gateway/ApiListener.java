package dev.tollgate.server.gateway;

import dev.tollgate.core.cors.GatewayCors;
import dev.tollgate.core.gateway.GatewayCall;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The gateway on a port of its own ({@code --api-port}), served on event loops: the same
 * {@link GatewayCall} as on the main port, without a request thread per call. On a loop the steps up
 * to admission run where the call arrived, the charge resumes the call there once it is on disk, and
 * the backend connection (kept alive, pooled per loop) lives on the same loop, so a call costs no
 * hand-off between threads (docs/BENCHMARKS.md §4).
 *
 * <p>Work that waits on the network never runs on a loop: when the node's stores are PostgreSQL or
 * Redis, the steps up to admission (a credential not yet cached, the quota counters) run on a pool of
 * their own, and the call comes back to its loop for the backend.
 */
public final class ApiListener implements AutoCloseable {
    /** Jetty's default: the request line and the headers of a call fit in 8 KiB each. */
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 8 * 1024;
    /** A connection with no call in flight, or a caller that stops sending its body, is let go after this. */
    static final Duration IDLE = Duration.ofSeconds(30);

    private final EventLoopGroup loops;
    private final Channel server;
    private final Optional<ExecutorService> steps;
    private final CallsInFlight inFlight;
    private final Duration drain;

    /** What every connection shares. */
    record Node(GatewayCall call, GatewayCors cors, GatewayMetrics metrics, Optional<String> apiHost, Predicate<String> gatewayPath,
                Duration backendTimeout, Optional<ExecutorService> steps, BackendConnections backends, CallsInFlight inFlight) {}

    /** The port could not be bound; the operator's line is made of it. */
    public static final class CannotListen extends RuntimeException {
        CannotListen(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private ApiListener(EventLoopGroup loops, Channel server, Optional<ExecutorService> steps, CallsInFlight inFlight, Duration drain) {
        this.loops = loops;
        this.server = server;
        this.steps = steps;
        this.inFlight = inFlight;
        this.drain = drain;
    }

    /**
     * @param stepsMayWait whether the steps up to admission may wait on the network (PostgreSQL, Redis)
     * @throws CannotListen when the port cannot be bound
     */
    public static ApiListener start(String host, int port, GatewayCall call, GatewayCors cors, GatewayMetrics metrics,
                                    Optional<String> apiHost, Predicate<String> gatewayPath, Duration backendTimeout, boolean stepsMayWait) {
        boolean epoll = Epoll.isAvailable();
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends SocketChannel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new io.netty.util.concurrent.DefaultThreadFactory("tollgate-api", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Optional<ExecutorService> steps = stepsMayWait ? Optional.of(stepsPool()) : Optional.empty();
        var inFlight = new CallsInFlight();
        var backends = new BackendConnections(clientType);
        var node = new Node(call, cors, metrics, apiHost, gatewayPath, backendTimeout, steps, backends, inFlight);
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)
                .setStrictLineParsing(true).setAllowDuplicateContentLengths(false).setUseRfc9112TransferEncoding(true);
        try {
            Channel server = new ServerBootstrap().group(loops).channel(serverType)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // A caller may end its side after its request and still wait for the answer.
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE.toSeconds(), TimeUnit.SECONDS),
                                    new HttpRequestDecoder(decoding), new HttpResponseEncoder(), new CallerChannel(node));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            return new ApiListener(loops, server, steps, inFlight, backendTimeout.compareTo(Duration.ofSeconds(10)) < 0
                    ? backendTimeout : Duration.ofSeconds(10));
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            steps.ifPresent(ExecutorService::shutdownNow);
            throw new CannotListen(e);
        }
    }

    /** Platform threads, as many as a Jetty pool would give the same work; they only wait on stores. */
    private static ExecutorService stepsPool() {
        var count = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "tollgate-api-steps-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Takes no new connections, lets the calls in flight finish (for as long as a backend may take, up to 10 s), then stops the loops. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        inFlight.awaitNone(drain);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        steps.ifPresent(ExecutorService::shutdownNow);
    }
}
