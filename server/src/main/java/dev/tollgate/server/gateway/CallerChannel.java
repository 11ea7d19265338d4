package dev.tollgate.server.gateway;

import dev.tollgate.core.cors.CorsAnswer;
import dev.tollgate.core.cors.Preflight;
import dev.tollgate.core.gateway.GatewayOutcome;
import dev.tollgate.core.gateway.GatewayPath;
import dev.tollgate.core.gateway.GatewayRequest;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.http.HostHeader;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's connection on the event-loop listener: its calls one at a time, in the order they came
 * (pipelined ones wait), each a {@link LoopExchange}. What was read and not yet taken is held, up to
 * {@link #HELD_BYTES} of body or {@link #HELD_MESSAGES} pieces: beyond that the caller's socket is not
 * read until the call takes them. So a call's body is read ahead no further than that while its charge
 * is written, and a slow backend slows its caller rather than filling Tollgate's memory. Reading is not
 * paused and resumed for each call: on this path that costs two {@code epoll_ctl} calls a call.
 */
final class CallerChannel extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CallerChannel.class);
    private static final String NOT_FOUND = "The requested URL was not found on this server.";
    static final long LINGER_MILLIS = 2_000;
    static final int HELD_BYTES = 64 * 1024;
    static final int HELD_MESSAGES = 32;

    private final ApiListener.Node node;
    /** What was read and not yet taken: the rest of the current call's body, and calls that came after it. */
    private final ArrayDeque<HttpObject> held = new ArrayDeque<>();
    private int heldBytes;
    private ChannelHandlerContext ctx;
    private LoopExchange current;
    private boolean closing;
    /** Output shut after the last answer; what still comes is dropped until the caller closes or {@link #LINGER_MILLIS} pass. */
    private boolean lingering;
    private boolean inputEnded;

    CallerChannel(ApiListener.Node node) {
        this.node = node;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (closing || !(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        held.add(object);
        if (object instanceof HttpContent content) {
            heldBytes += content.content().readableBytes();
        }
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        readOnIfRoom();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (current != null) {
            current.callerWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closing = true;
        if (current != null) {
            current.callerClosed(current.bodyDone() || heldHasBodyEnd());
        }
        if (current == null) {
            releaseHeld();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // The caller sent all it will send: answer what is in flight (or the broken body's 400), then end.
            inputEnded = true;
            if (current == null || lingering) {
                context.close();
            } else if (!current.bodyDone() && !heldHasBodyEnd()) {
                current.callerBodyCut();
            }
            return;
        }
        if (event instanceof IdleStateEvent && (current == null || current.waitingOnCallerBody())) {
            // Idle with no call, or a caller that stopped sending its body: its call (if any) ends as the caller's 400.
            context.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            // A caller that resets its connection is not worth a line; anything else is a fault of Tollgate's own.
            LOG.error("Unexpected error on a gateway connection", cause);
        }
        context.close();
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    boolean nothingHeld() {
        return held.isEmpty();
    }

    /** Hands what was read to the call in flight, or starts the next call; reads on when there is room. */
    void drain() {
        while (!held.isEmpty()) {
            if (current == null) {
                if (closing) {
                    break;
                }
                HttpObject next = take();
                if (next instanceof HttpRequest head) {
                    beginOrRefuse(head);
                } else {
                    ReferenceCountUtil.release(next);
                }
            } else if (current.takesBody()) {
                current.fromCaller((HttpContent) take());
            } else {
                break;
            }
        }
        if (closing && current == null) {
            releaseHeld();
        }
        readOnIfRoom();
    }

    private HttpObject take() {
        HttpObject next = held.poll();
        if (next instanceof HttpContent content) {
            heldBytes -= content.content().readableBytes();
        }
        return next;
    }

    /** Reads on while what is held is small; stops reading the caller's socket, not the calls in flight, when it is not. */
    private void readOnIfRoom() {
        boolean room = closing || (held.size() < HELD_MESSAGES && heldBytes < HELD_BYTES);
        if (room != ctx.channel().config().isAutoRead() && canRead()) {
            ctx.channel().config().setAutoRead(room);
        }
    }

    /** Once the caller has ended its side, there is nothing more to read (and epoll would refuse to watch for it again). */
    private boolean canRead() {
        return ctx.channel().isActive() && !inputEnded
                && !(ctx.channel() instanceof DuplexChannel duplex && duplex.isInputShutdown());
    }

    /** The call in flight has been answered: the next one may begin, unless the connection must end with it. */
    void ended(LoopExchange exchange, boolean close) {
        if (current != exchange) {
            return;
        }
        current = null;
        node.inFlight().leave();
        close |= inputEnded;
        if (!close && !exchange.bodyDone() && heldHasBodyEnd()) {
            // Refused before its body was taken: the body is in hand, and skipped.
            HttpObject skipped;
            do {
                skipped = take();
                ReferenceCountUtil.release(skipped);
            } while (!(skipped instanceof LastHttpContent));
        } else if (!exchange.bodyDone()) {
            close = true;
        }
        if (close) {
            // A body not read to its end leaves the connection at an unknown place in the caller's stream.
            closing = true;
            releaseHeld();
            closeAfterAnswer();
            return;
        }
        drain();
    }

    private void beginOrRefuse(HttpRequest head) {
        try {
            begin(head);
        } catch (RuntimeException e) {
            LOG.error("Unexpected error on {} {}", head.method(), head.uri(), e);
            if (current != null) {
                current.refuse(ApiError.INTERNAL.exception());
            } else {
                answerAlone(ApiError.INTERNAL.exception(), Map.of(), true);
            }
        }
    }

    private void begin(HttpRequest head) {
        long start = System.nanoTime();
        if (head.decoderResult().isFailure()) {
            answerAlone(unreadable(head.decoderResult().cause()), Map.of(), true);
            return;
        }
        if (ambiguousFraming(head.headers())) {
            answerAlone(ApiError.INVALID_ARGUMENT.exception("The request's body framing is ambiguous: one Transfer-Encoding: chunked,"
                    + " or one Content-Length."), Map.of(), true);
            return;
        }
        String uri = head.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        // Answered without its body, or to a caller that asked: the connection ends with the answer.
        boolean hasBody = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0
                || !HttpUtil.isKeepAlive(head);
        HttpHeaders headers = head.headers();
        if (!node.gatewayPath().test(path)
                || (node.apiHost().isPresent() && !HostHeader.names(headers.get(HttpHeaderNames.HOST), node.apiHost().get()))) {
            answerAlone(ApiError.NOT_FOUND.exception(NOT_FOUND), Map.of(), hasBody);
            return;
        }
        if (head.method().equals(HttpMethod.OPTIONS)) {
            Optional<Preflight> preflight = Preflight.of(headers.get(HttpHeaderNames.ORIGIN),
                    headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD), headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
            if (preflight.isPresent()) {
                preflight(path, preflight.get(), hasBody);
                return;
            }
        }
        Map<String, String> cors = node.cors().forCall(path, headers.get(HttpHeaderNames.ORIGIN));
        var exchange = new LoopExchange(this, node, head, cors);
        current = exchange;
        node.inFlight().enter();
        GatewayRequest request = request(head, path, q < 0 ? "" : uri.substring(q + 1));
        if (node.steps().isPresent()) {
            node.steps().get().execute(() -> serve(exchange, request, start));
        } else {
            serve(exchange, request, start);
        }
    }

    private void serve(LoopExchange exchange, GatewayRequest request, long start) {
        CompletionStage<GatewayOutcome> outcome;
        try {
            outcome = node.call().serve(request, exchange);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((done, fault) -> {
            if (ctx.executor().inEventLoop()) {
                finished(exchange, request, done, fault, start);
            } else {
                ctx.executor().execute(() -> finished(exchange, request, done, fault, start));
            }
        });
    }

    private void finished(LoopExchange exchange, GatewayRequest request, GatewayOutcome outcome, Throwable fault, long start) {
        int status;
        if (fault != null) {
            LOG.error("Unexpected error on {} {}", request.method(), request.path(), fault);
            status = 500;
            exchange.refuse(ApiError.INTERNAL.exception());
        } else if (outcome instanceof GatewayOutcome.Refused refused) {
            status = refused.status();
            exchange.refuse(refused.error());
        } else {
            status = outcome.status();
            exchange.completed();
        }
        node.metrics().record(outcome == null ? null : outcome.method().orElse(null), status, System.nanoTime() - start);
    }

    /** A preflight is answered here: never forwarded, never charged, as it carries no credential. */
    private void preflight(String path, Preflight preflight, boolean hasBody) {
        try {
            // The gateway's own path rules first: a preflight is matched against the catalog only for a path it would serve.
            GatewayPath.check(path);
        } catch (ApiException e) {
            answerAlone(e, Map.of(), hasBody);
            return;
        }
        CorsAnswer answer = node.cors().preflight(path, preflight);
        if (answer instanceof CorsAnswer.Refused refused) {
            answerAlone(ApiError.CORS_REQUEST_BLOCKED.exception(refused.reason()), refused.headers(), hasBody);
        } else {
            write(LoopAnswers.noContent(answer.headers(), hasBody), hasBody);
        }
    }

    /** An answer that is not a call's (no catalog path, a preflight, an unreadable request); with a body unread, the connection ends. */
    private void answerAlone(ApiException error, Map<String, String> cors, boolean close) {
        write(LoopAnswers.refusal(error, cors, close), close);
    }

    private void write(FullHttpResponse response, boolean close) {
        if (close) {
            closing = true;
            releaseHeld();
            ctx.writeAndFlush(response).addListener(written -> closeAfterAnswer());
        } else {
            ctx.writeAndFlush(response);
        }
    }

    /**
     * Ends the connection once its last answer is out. What the caller still sends is read and dropped
     * for a moment first (a lingering close, as nginx has it): closing a socket with unread bytes resets
     * it, and a reset can destroy the answer before the caller reads it.
     */
    private void closeAfterAnswer() {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive() || duplex.isInputShutdown()) {
            ctx.close();
            return;
        }
        lingering = true;
        duplex.shutdownOutput().addListener(done -> {
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            readOnIfRoom();
        });
    }

    /**
     * Where a request's body ends must be read one way only, by Tollgate and the backend alike (RFC 9112
     * §6.3): a {@code Transfer-Encoding} that is anything but one {@code chunked}, or that comes with a
     * {@code Content-Length}, could be read another way by a backend, and a second request hidden in a body.
     */
    private static boolean ambiguousFraming(HttpHeaders headers) {
        java.util.List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (encodings.isEmpty()) {
            return headers.getAll(HttpHeaderNames.CONTENT_LENGTH).size() > 1;
        }
        return encodings.size() > 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked") || headers.contains(HttpHeaderNames.CONTENT_LENGTH);
    }

    private static ApiException unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiError.INVALID_ARGUMENT.exception("The request line is longer than " + ApiListener.MAX_LINE + " bytes.");
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return ApiError.INVALID_ARGUMENT.exception("The request headers are larger than " + ApiListener.MAX_HEADERS + " bytes.");
        }
        return ApiError.INVALID_ARGUMENT.exception("The request is not valid HTTP/1.1.");
    }

    boolean heldHasBodyEnd() {
        for (HttpObject object : held) {
            if (object instanceof LastHttpContent && object.decoderResult().isSuccess()) {
                return true;
            }
        }
        return false;
    }

    private void releaseHeld() {
        HttpObject object;
        while ((object = held.poll()) != null) {
            ReferenceCountUtil.release(object);
        }
        heldBytes = 0;
    }

    private GatewayRequest request(HttpRequest head, String path, String rawQuery) {
        HttpHeaders h = head.headers();
        var app = new GatewayRequest.AppHeaders(header(h, "Referer"), header(h, "X-Android-Package"), header(h, "X-Android-Cert"),
                header(h, "X-Ios-Bundle-Identifier"));
        return new GatewayRequest(head.method().name(), path, rawQuery, header(h, "Host"), false,
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), HttpUtil.getContentLength(head, -1L),
                header(h, "X-Forwarded-For"), header(h, "X-Goog-Api-Key"), header(h, "Authorization"), app);
    }

    private static Optional<String> header(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
