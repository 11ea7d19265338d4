package dev.tollgate.bench;

import dev.tollgate.core.gateway.AnswerHeaders;
import dev.tollgate.core.gateway.BackendExchange;
import dev.tollgate.core.gateway.GatewayCall;
import dev.tollgate.core.gateway.GatewayOutcome;
import dev.tollgate.core.gateway.GatewayRequest;
import dev.tollgate.core.gateway.InboundHeaders;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiErrorBody;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.Tollgate;
import dev.tollgate.server.http.Json;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the product's gateway pipeline costs when an event loop drives it, measured beside nginx by
 * {@code EVENTLOOP=1 bench/run-proxy-compare.sh}. A Tollgate node starts in this JVM as the product
 * starts it (its admin API on ADMIN_PORT); its {@link GatewayCall} (the access check, quotas, billing
 * gate, the durable charge in the file journal, the settlement) is also served on PORT by Netty, where
 * the steps up to admission run on the caller's event loop, the charge resumes the call there once it
 * is on disk, and each caller connection has its own kept-alive backend connection on the same loop.
 *
 * <p>A harness, not a listener of the product: bodies are read whole (up to 1 MB), there is no backend
 * deadline, CORS or metrics, and a refusal is the product's Google JSON error body without its
 * {@code WWW-Authenticate} or {@code Retry-After} header.
 *
 * <pre>java -cp "bench/target/tollgate-bench.jar:bench/target/lib/*" dev.tollgate.bench.EventLoopGateway
 *     PORT ADMIN_PORT CATALOG_YAML DATA_DIR</pre>
 */
public final class EventLoopGateway {
    private EventLoopGateway() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: EventLoopGateway PORT ADMIN_PORT CATALOG_YAML DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Files.createDirectories(Path.of(args[3]));
        var pipeline = new AtomicReference<GatewayCall>();
        var config = LoadHarness.loopback(Path.of(args[3]), Optional.of(Path.of(args[2]))).withPort(Integer.parseInt(args[1]));
        Tollgate node = Tollgate.start(config, new PrintStream(PrintStream.nullOutputStream()),
                new Tollgate.Wiring(decider -> decider, true, pipeline::set));
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), EpollIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Caller(pipeline.get()));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("EventLoopGateway ready on " + port + ", admin on " + node.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            loops.shutdownGracefully().syncUninterruptibly();
            node.close();
        }));
        server.closeFuture().sync();
    }

    /** One caller's connection: its calls, one at a time, and its backend connection once it has one. */
    private static final class Caller extends CallerConnection {
        private final GatewayCall pipeline;
        private InetSocketAddress backendAddress;
        private Exchange current;

        Caller(GatewayCall pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest call) {
            var exchange = new Exchange(ctx, call.retain());
            current = exchange;
            pipeline.serve(request(ctx, call), exchange).whenComplete((outcome, fault) -> {
                if (fault != null) {
                    exchange.refuse(ApiError.INTERNAL.exception());
                } else if (outcome instanceof GatewayOutcome.Refused refused) {
                    exchange.refuse(refused.error());
                }
                call.release();
            });
        }

        private static GatewayRequest request(ChannelHandlerContext ctx, FullHttpRequest call) {
            String uri = call.uri();
            int q = uri.indexOf('?');
            HttpHeaders h = call.headers();
            var app = new GatewayRequest.AppHeaders(header(h, "Referer"), header(h, "X-Android-Package"), header(h, "X-Android-Cert"),
                    header(h, "X-Ios-Bundle-Identifier"));
            long length = HttpUtil.getContentLength(call, -1L);
            return new GatewayRequest(call.method().name(), q < 0 ? uri : uri.substring(0, q), q < 0 ? "" : uri.substring(q + 1),
                    header(h, "Host"), false, ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), length,
                    header(h, "X-Forwarded-For"), header(h, "X-Goog-Api-Key"), header(h, "Authorization"), app);
        }

        private static Optional<String> header(HttpHeaders headers, String name) {
            return Optional.ofNullable(headers.get(name));
        }

        /** The backend side of one call, on the caller's event loop. */
        private final class Exchange implements BackendExchange {
            private final ChannelHandlerContext ctx;
            private final FullHttpRequest call;
            private final boolean keepAlive;
            private DefaultFullHttpRequest forwarded;
            private InetSocketAddress target;
            private QuotaAdmission.Allowance allowance;
            private final CompletableFuture<Integer> answered = new CompletableFuture<>();
            private FullHttpResponse answer;

            Exchange(ChannelHandlerContext ctx, FullHttpRequest call) {
                this.ctx = ctx;
                this.call = call;
                this.keepAlive = HttpUtil.isKeepAlive(call);
            }

            @Override
            public void prepare(URI uri, Map<String, String> identity) {
                target = new InetSocketAddress(uri.getHost(), uri.getPort());
                String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                forwarded = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, call.method(), path, call.content().retainedDuplicate());
                InboundHeaders inbound = InboundHeaders.nominatedBy(call.headers().getAll(HttpHeaderNames.CONNECTION));
                for (Map.Entry<String, String> header : call.headers()) {
                    if (inbound.forwarded(header.getKey())) {
                        forwarded.headers().add(header.getKey(), InboundHeaders.forwardable(header.getValue()));
                    }
                }
                identity.forEach(forwarded.headers()::add);
                forwarded.headers().set(HttpHeaderNames.HOST, target.getHostString() + ":" + target.getPort());
                HttpUtil.setContentLength(forwarded, forwarded.content().readableBytes());
            }

            @Override
            public void allowance(QuotaAdmission.Allowance allowance) {
                this.allowance = allowance;
            }

            @Override
            public Executor resumeOn() {
                return ctx.channel().eventLoop();
            }

            @Override
            public CompletionStage<Integer> forward() {
                if (backend != null && backend.isActive() && target.equals(backendAddress)) {
                    backend.writeAndFlush(forwarded);
                    return answered;
                }
                if (backend != null) {
                    backend.close();
                }
                backendAddress = target;
                new Bootstrap().group(ctx.channel().eventLoop()).channel(EpollSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Backend(Caller.this));
                            }
                        })
                        .connect(target).addListener((ChannelFutureListener) connected -> {
                            if (connected.isSuccess()) {
                                backend = connected.channel();
                                backend.writeAndFlush(forwarded);
                            } else {
                                forwarded.release();
                                answered.completeExceptionally(ApiError.BACKEND_UNAVAILABLE.exception());
                            }
                        });
                return answered;
            }

            void answered(FullHttpResponse response) {
                answer = response.retain();
                answered.complete(response.status().code());
            }

            void brokenOff() {
                answered.completeExceptionally(ApiError.BACKEND_UNAVAILABLE.exception());
            }

            @Override
            public CompletionStage<Long> deliver() {
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(), answer.content());
                HttpHeaders out = response.headers();
                for (Map.Entry<String, String> header : answer.headers()) {
                    if (AnswerHeaders.returned(header.getKey())) {
                        out.add(header.getKey(), header.getValue());
                    }
                }
                securityHeaders(out);
                out.set("Content-Security-Policy", AnswerHeaders.CONTENT_SECURITY_POLICY);
                if (allowance != null) {
                    out.set("X-RateLimit-Limit", allowance.limit());
                    out.set("X-RateLimit-Remaining", allowance.remaining());
                    out.set("X-RateLimit-Reset", allowance.resetSeconds());
                }
                long bytes = answer.content().readableBytes();
                HttpUtil.setContentLength(response, bytes);
                send(response);
                return CompletableFuture.completedFuture(bytes);
            }

            void refuse(ApiException error) {
                String body = Json.write(ApiErrorBody.of(error));
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(error.error().httpStatus()),
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                securityHeaders(response.headers());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
                HttpUtil.setContentLength(response, response.content().readableBytes());
                send(response);
            }

            private void send(FullHttpResponse response) {
                if (keepAlive) {
                    HttpUtil.setKeepAlive(response, true);
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            }

            private static void securityHeaders(HttpHeaders out) {
                out.set("X-Content-Type-Options", "nosniff");
                out.set("X-Frame-Options", "DENY");
                out.set("Content-Security-Policy", "frame-ancestors 'none'");
                out.set("Referrer-Policy", "no-referrer");
            }
        }
    }

    /** A caller connection's backend connection: each answer goes to that caller's call in flight. */
    private static final class Backend extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Caller caller;

        Backend(Caller caller) {
            this.caller = caller;
        }

        private boolean retired;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse answer) {
            if (!HttpUtil.isKeepAlive(answer)) {
                // The backend closes this connection after this answer (nginx: every 1,000 calls); the next call opens another.
                retired = true;
                caller.backend = null;
                ctx.close();
            }
            caller.current.answered(answer);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!retired && caller.current != null) {
                caller.current.brokenOff();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
