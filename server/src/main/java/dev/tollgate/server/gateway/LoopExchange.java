package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.AnswerHeaders;
import dev.tollgate.core.gateway.BackendExchange;
import dev.tollgate.core.gateway.InboundHeaders;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.http.SecurityHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The backend side of one call on the event-loop listener. Everything after {@link #prepare} runs on
 * the caller's loop, so its state needs no lock. The caller's body streams to the backend and the
 * answer streams back, each side paused while the other cannot take more. The backend has the
 * backend timeout to make progress (accept the body, send its answer's head, send more of it); time
 * spent waiting on the caller is not counted, as on the main port ({@link BackendDeadlines}).
 */
final class LoopExchange implements BackendExchange {
    private static final String BODY_BROKE = "The request body ended before its declared length or stopped coming.";

    private final CallerChannel caller;
    private final ChannelHandlerContext ctx;
    private final ApiListener.Node node;
    private final HttpRequest head;
    private final Map<String, String> cors;
    private final boolean keepAlive;
    private final boolean headRequest;
    private final CompletableFuture<Integer> answered = new CompletableFuture<>();
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();

    private HttpRequest forwardedHead;
    private BackendConnections.Target target;
    private QuotaAdmission.Allowance allowance;

    private Channel backend;
    /** The backend has the request's head: the caller's body flows. */
    private boolean forwarding;
    /** The caller's body has been read to its end (and handed to the backend). */
    private boolean bodyDone;
    private boolean callerGone;
    private boolean callerBodyArrived;
    private boolean bodyBroken;
    private HttpResponse answer;
    private boolean skippingInterim;
    private final List<HttpContent> early = new ArrayList<>(2);
    private boolean delivering;
    private boolean answerStarted;
    private boolean answerEnded;
    private boolean backendReading;
    private boolean closeAfter;
    private boolean expired;
    private boolean finished;
    private long bytesOut;
    private long lastProgress;
    private ScheduledFuture<?> deadline;

    LoopExchange(CallerChannel caller, ApiListener.Node node, HttpRequest head, Map<String, String> cors) {
        this.caller = caller;
        this.ctx = caller.context();
        this.node = node;
        this.head = head;
        this.cors = cors;
        this.keepAlive = HttpUtil.isKeepAlive(head);
        this.headRequest = head.method().equals(HttpMethod.HEAD);
    }

    boolean bodyDone() {
        return bodyDone;
    }

    /** Whether the caller's next body bytes are wanted now: the backend has the head and room for more. */
    boolean takesBody() {
        return forwarding && !bodyDone && !bodyBroken && !finished && backend.isActive() && backend.isWritable();
    }

    /** The call waits for the rest of the caller's body (an idle timeout then ends it as the caller's 400). */
    boolean waitingOnCallerBody() {
        return !bodyDone && caller.nothingHeld();
    }

    /** A header that cannot travel on HTTP/1.1 unchanged is the caller's error (400), found before anything is charged or forwarded. */
    @Override
    public void prepare(URI uri, Map<String, String> identity) {
        target = BackendConnections.Target.of(uri);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, head.method(), pathAndQuery);
        HttpHeaders out = request.headers();
        HttpHeaders in = head.headers();
        InboundHeaders inbound = InboundHeaders.nominatedBy(in.getAll(HttpHeaderNames.CONNECTION));
        for (Map.Entry<String, String> header : in) {
            if (inbound.forwarded(header.getKey())) {
                out.add(header.getKey(), InboundHeaders.forwardable(header.getValue()));
            }
        }
        identity.forEach(out::add);
        out.set("Host", target.hostHeader());
        if (HttpUtil.isTransferEncodingChunked(head)) {
            out.set("Transfer-Encoding", "chunked");
        } else if (HttpUtil.getContentLength(head, 0L) > 0) {
            out.set("Content-Length", HttpUtil.getContentLength(head));
        }
        forwardedHead = request;
    }

    @Override
    public void allowance(QuotaAdmission.Allowance given) {
        this.allowance = given;
    }

    @Override
    public Executor resumeOn() {
        return ctx.executor();
    }

    @Override
    public CompletionStage<Integer> forward() {
        if ((callerGone && !callerBodyArrived) || bodyBroken) {
            finished = true;
            return CompletableFuture.failedFuture(ApiError.INVALID_ARGUMENT.exception(BODY_BROKE));
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            // Only now, with the call charged: a caller waiting to send a large body sends it once it will be taken.
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        progressed();
        long period = Math.max(10, Math.min(250, node.backendTimeout().toMillis() / 10));
        deadline = ctx.executor().scheduleAtFixedRate(this::checkDeadline, period, period, TimeUnit.MILLISECONDS);
        node.backends().acquire(ctx.channel().eventLoop(), target).addListener(this::connected);
        return answered;
    }

    private void connected(Future<? super Channel> connection) {
        if (!connection.isSuccess()) {
            fail(ApiError.BACKEND_UNAVAILABLE.exception());
            return;
        }
        Channel channel = (Channel) connection.getNow();
        if (finished) {
            channel.close();
            return;
        }
        backend = channel;
        BackendHandler.of(channel).attach(this);
        progressed();
        backend.write(forwardedHead).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        forwarding = true;
        caller.drain();
        backend.flush();
    }

    /** The next piece of the caller's body: on to the backend, flushed when nothing more is at hand. */
    void fromCaller(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // The body ended before its length, or its chunks were malformed: the caller's 400, and the backend's connection goes.
            content.release();
            bodyBroken = true;
            if (!answered.isDone()) {
                fail(ApiError.INVALID_ARGUMENT.exception(BODY_BROKE));
            }
            return;
        }
        HttpContent piece = content;
        if (content instanceof LastHttpContent last) {
            bodyDone = true;
            if (!last.trailingHeaders().isEmpty()) {
                // Trailers are headers too, and travel no further than the caller's other headers would.
                piece = new DefaultLastHttpContent(last.content().retain());
                last.release();
            }
        }
        progressed();
        backend.write(piece).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (bodyDone || caller.nothingHeld()) {
            backend.flush();
        }
    }

    /** The caller ended its side before its body's end: the caller's 400, found now or when the call is forwarded. */
    void callerBodyCut() {
        bodyBroken = true;
        if (forwarding && !answered.isDone()) {
            fail(ApiError.INVALID_ARGUMENT.exception(BODY_BROKE));
        }
    }

    void fromBackend(HttpObject message) {
        progressed();
        backendReading = true;
        if (message instanceof HttpResponse response) {
            if (answer != null) {
                ReferenceCountUtil.release(response);
                expired = true;
                backend.close();
                return;
            }
            if (response.decoderResult().isFailure() || response.status().code() == 101) {
                backend.close();
                return;
            }
            if (response.status().code() < 200) {
                skippingInterim = true; // 100 or 103: the final answer follows
                return;
            }
            answer = response;
            answered.complete(response.status().code());
            return;
        }
        var content = (HttpContent) message;
        if (answerEnded) {
            // More than the one answer asked for: the connection is not to be trusted with another call.
            content.release();
            expired = true;
            backend.close();
            return;
        }
        if (skippingInterim || answer == null || finished) {
            skippingInterim &= !(content instanceof LastHttpContent);
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            backend.close();
            return;
        }
        answerEnded |= content instanceof LastHttpContent;
        if (delivering) {
            toCaller(content);
        } else {
            early.add(content);
        }
    }

    void backendReadComplete() {
        backendReading = false;
        if (answerStarted) {
            ctx.flush();
        }
    }

    void backendWritabilityChanged() {
        if (backend.isWritable()) {
            progressed();
            caller.drain();
        }
    }

    void callerWritabilityChanged() {
        if (backend != null && ctx.channel().isWritable()) {
            progressed();
            backend.config().setAutoRead(true);
        }
    }

    /** Sandboxed, so an answer can never run script on Tollgate's origin; the body streams on as it comes. */
    @Override
    public CompletionStage<Long> deliver() {
        delivering = true;
        var out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, answer.status());
        HttpHeaders headers = out.headers();
        SecurityHeaders.apply(headers::set);
        for (Map.Entry<String, String> header : answer.headers()) {
            if (AnswerHeaders.returned(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set("Content-Security-Policy", AnswerHeaders.CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", AnswerHeaders.CONTENT_TYPE_OPTIONS);
        if (allowance != null) {
            headers.set("X-RateLimit-Limit", allowance.limit());
            headers.set("X-RateLimit-Remaining", allowance.remaining());
            headers.set("X-RateLimit-Reset", allowance.resetSeconds());
        }
        int code = answer.status().code();
        String length = answer.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && code != 204) {
            headers.set("Content-Length", length);
        } else if (!headRequest && code != 204 && code != 304) {
            if (head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.set("Transfer-Encoding", "chunked");
            } else {
                closeAfter = true; // an HTTP/1.0 caller learns where the body ends by the connection's end
            }
        }
        // A backend that answers before it has the whole body: the rest of the caller's body is not read.
        closeAfter |= !keepAlive || !bodyDone;
        if (!closeAfter && head.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            headers.set("Connection", "keep-alive");
        }
        LoopAnswers.common(headers, cors, closeAfter);
        answerStarted = true;
        ctx.write(out).addListener(this::wroteToCaller);
        for (HttpContent content : early) {
            toCaller(content);
        }
        early.clear();
        if (!backendReading) {
            ctx.flush();
        }
        return delivered;
    }

    private void toCaller(HttpContent content) {
        int size = content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        HttpContent piece = content;
        if (last && !((LastHttpContent) content).trailingHeaders().isEmpty()) {
            piece = new DefaultLastHttpContent(content.content().retain());
            content.release();
        }
        ChannelFuture written = ctx.write(piece);
        written.addListener(done -> {
            if (done.isSuccess()) {
                bytesOut += size;
            }
            wroteToCaller(done);
        });
        if (last) {
            ctx.flush();
            written.addListener(done -> answerWritten());
        } else if (!ctx.channel().isWritable()) {
            backend.config().setAutoRead(false);
        }
    }

    private void wroteToCaller(Future<? super Void> write) {
        if (!write.isSuccess() && !finished) {
            release(false);
            delivered.complete(bytesOut);
        }
    }

    private void answerWritten() {
        if (finished) {
            return;
        }
        release(answerEnded && bodyDone && !expired && HttpUtil.isKeepAlive(answer));
        delivered.complete(bytesOut);
    }

    /** The call's outcome is settled and its answer written: the connection goes on to the next call, or ends. */
    void completed() {
        caller.ended(this, closeAfter || !ctx.channel().isActive());
    }

    /** The gateway answers itself. A fault after the backend's answer began can only cut it short. */
    void refuse(ApiException error) {
        if (!finished) {
            release(false);
        }
        if (answerStarted) {
            caller.ended(this, true);
            return;
        }
        boolean close = !keepAlive || !(bodyDone || caller.heldHasBodyEnd()) || !ctx.channel().isActive();
        ctx.writeAndFlush(LoopAnswers.refusal(error, cors, close))
                .addListener(written -> caller.ended(this, close || !written.isSuccess()));
    }

    /** The caller's connection ended; {@code bodyArrived}: its body had all come. */
    void callerClosed(boolean bodyArrived) {
        callerGone = true;
        callerBodyArrived = bodyArrived;
        if (finished || !forwarding) {
            return; // before forwarding: forward() sees it
        }
        if (!answered.isDone()) {
            if (!bodyArrived) {
                fail(ApiError.INVALID_ARGUMENT.exception(BODY_BROKE));
            }
            return;
        }
        release(false);
        delivered.complete(bytesOut);
    }

    void backendClosed() {
        if (finished) {
            return;
        }
        if (!answered.isDone()) {
            fail(callerGone && !callerBodyArrived ? ApiError.INVALID_ARGUMENT.exception(BODY_BROKE) : ApiError.BACKEND_UNAVAILABLE.exception());
            return;
        }
        cutShort();
    }

    private void checkDeadline() {
        if (finished) {
            deadline.cancel(false);
            return;
        }
        long now = System.nanoTime();
        boolean onCaller = (forwarding && !bodyDone && caller.nothingHeld() && backend.isWritable())
                || (delivering && !ctx.channel().isWritable());
        if (onCaller) {
            lastProgress = now;
            return;
        }
        if (now - lastProgress > node.backendTimeout().toNanos()) {
            expired = true;
            if (!answered.isDone()) {
                fail(ApiError.BACKEND_TIMEOUT.exception("The service behind this API did not answer within "
                        + node.backendTimeout().toSeconds() + " s."));
            } else {
                cutShort();
            }
        }
    }

    /** The answer began and cannot be finished: what was sent is what is counted, and the caller learns by the connection's end. */
    private void cutShort() {
        release(false);
        closeAfter = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
            ctx.close();
            delivered.complete(bytesOut);
        });
    }

    private void fail(ApiException error) {
        release(false);
        answered.completeExceptionally(error);
    }

    /** The exchange is over: its backend connection goes back to the pool, or is closed. */
    private void release(boolean reusable) {
        finished = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        for (HttpContent content : early) {
            content.release();
        }
        early.clear();
        if (backend == null) {
            return;
        }
        BackendHandler.of(backend).detach();
        backend.config().setAutoRead(true);
        if (reusable) {
            node.backends().release(target, backend);
        } else {
            backend.close();
        }
    }

    private void progressed() {
        lastProgress = System.nanoTime();
    }
}
