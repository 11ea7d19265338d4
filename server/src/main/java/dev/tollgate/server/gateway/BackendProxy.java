package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.AnswerHeaders;
import dev.tollgate.core.gateway.BackendExchange;
import dev.tollgate.core.gateway.InboundHeaders;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.protocol.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Forwards an admitted call to its backend and streams the answer back. The caller's credentials
 * and any identity headers it sent never reach the backend; Tollgate's verified ones replace them.
 *
 * <p>The backend client is Apache HttpClient's classic (blocking) one over a pool of kept-alive
 * connections: the request thread writes the call and reads the answer itself. The JDK's
 * {@code HttpClient} was measured slower here (docs/BENCHMARKS.md §4): its blocking {@code send} is
 * {@code sendAsync().get()}, so every call hands off between the request thread, its selector and
 * its executor. How long a backend may take is watched by {@link BackendDeadlines}, not by socket timeouts.
 */
public final class BackendProxy implements AutoCloseable {
    private static final int COPY_BUFFER = 16 * 1024;
    /** As many kept-alive connections per backend as the server has request threads. */
    private static final int CONNECTIONS_PER_BACKEND = 256;

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final BackendDeadlines deadlines;
    private final Duration timeout;

    public BackendProxy(Duration timeout) {
        this.timeout = timeout;
        this.deadlines = new BackendDeadlines(timeout);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(4 * CONNECTIONS_PER_BACKEND).setMaxConnPerRoute(CONNECTIONS_PER_BACKEND)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.DISABLED).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.DISABLED).setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .build();
        // No redirects, retries, cookies, authentication or decompression: the answer goes back as the backend gave it.
        this.client = HttpClients.createMinimal(connections);
    }

    /** The backend side of the call that {@code req} carries, answered on {@code res} by the request thread that {@code resumeOn} runs on. */
    public BackendExchange exchange(HttpServletRequest req, HttpServletResponse res, Executor resumeOn) {
        return new Exchange(req, res, resumeOn);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // The pool's sockets are closed as far as they can be; nothing is waiting on them.
        }
        connections.close();
        deadlines.close();
    }

    private final class Exchange implements BackendExchange {
        private final HttpServletRequest req;
        private final HttpServletResponse res;
        private final Executor resumeOn;
        private HttpHost host;
        private HttpUriRequestBase request;
        private ClassicHttpResponse response;
        private BackendDeadlines.Watch watch;
        /** Whether reading the caller's body failed (it ended early, or the caller stalled past Jetty's idle timeout). */
        private volatile boolean callerBodyBroke;

        Exchange(HttpServletRequest req, HttpServletResponse res, Executor resumeOn) {
            this.req = req;
            this.res = res;
            this.resumeOn = resumeOn;
        }

        @Override
        public Executor resumeOn() {
            return resumeOn;
        }

        /** A header that cannot travel on HTTP/1.1 unchanged is the caller's error (400), found before anything is charged or forwarded. */
        @Override
        public void prepare(URI target, Map<String, String> identity) {
            host = new HttpHost(target.getScheme(), target.getHost(), target.getPort());
            request = new HttpUriRequestBase(req.getMethod(), target);
            InboundHeaders inbound = InboundHeaders.nominatedBy(Collections.list(req.getHeaders("Connection")));
            Enumeration<String> names = req.getHeaderNames();
            while (names.hasMoreElements()) {
                String name = names.nextElement();
                if (!inbound.forwarded(name)) {
                    continue;
                }
                Enumeration<String> values = req.getHeaders(name);
                while (values.hasMoreElements()) {
                    request.addHeader(name, InboundHeaders.forwardable(values.nextElement()));
                }
            }
            identity.forEach(request::addHeader);
            request.setEntity(body());
        }

        @Override
        public void allowance(QuotaAdmission.Allowance allowance) {
            res.setHeader("X-RateLimit-Limit", Long.toString(allowance.limit()));
            res.setHeader("X-RateLimit-Remaining", Long.toString(allowance.remaining()));
            res.setHeader("X-RateLimit-Reset", Long.toString(allowance.resetSeconds()));
        }

        /** Blocks: the request thread writes the call and reads the answer's head itself. */
        @Override
        public CompletionStage<Integer> forward() {
            watch = deadlines.watch(request);
            try {
                response = client.executeOpen(host, request, null);
            } catch (IOException e) {
                watch.close();
                if (callerBodyBroke) {
                    // The caller's fault, not the backend's: what the backend got was cut short, and it is told so by the closed connection.
                    throw ApiError.INVALID_ARGUMENT.exception("The request body ended before its declared length or stopped coming.");
                }
                if (watch.expired() || e instanceof SocketTimeoutException) {
                    throw ApiError.BACKEND_TIMEOUT.exception("The service behind this API did not answer within " + timeout.toSeconds() + " s.");
                }
                throw ApiError.BACKEND_UNAVAILABLE.exception();
            }
            return CompletableFuture.completedFuture(response.getCode());
        }

        /** Sandboxed, so an answer can never run script on Tollgate's origin; the body is copied here to count it. */
        @Override
        public CompletionStage<Long> deliver() {
            return CompletableFuture.completedFuture(streamed());
        }

        private long streamed() {
            long sent = 0;
            try (BackendDeadlines.Watch watched = watch; ClassicHttpResponse answer = response) {
                res.setStatus(answer.getCode());
                for (Header header : answer.getHeaders()) {
                    if (AnswerHeaders.returned(header.getName())) {
                        res.addHeader(header.getName(), header.getValue());
                    }
                }
                res.setHeader("Content-Security-Policy", AnswerHeaders.CONTENT_SECURITY_POLICY);
                res.setHeader("X-Content-Type-Options", AnswerHeaders.CONTENT_TYPE_OPTIONS);
                HttpEntity entity = answer.getEntity();
                if (entity == null) { // HEAD, 204, 304: the length of what a GET would have sent, when the backend says
                    Header length = answer.getFirstHeader("Content-Length");
                    if (length != null) {
                        res.setHeader("Content-Length", length.getValue());
                    }
                    return 0;
                }
                if (entity.getContentLength() >= 0) {
                    res.setContentLengthLong(entity.getContentLength());
                }
                sent = copy(entity);
            } catch (IOException e) {
                // Closing a response whose body was not read to the end drops its connection: the caller has had what was sent.
            }
            return sent;
        }

        private long copy(HttpEntity entity) {
            long sent = 0;
            try (InputStream body = entity.getContent()) {
                OutputStream out = res.getOutputStream();
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    watch.waitingOnCaller(true);
                    out.write(buffer, 0, n);
                    if (body.available() == 0) {
                        // The backend has sent no more yet: what it sent goes on now, not when a buffer fills (event streams).
                        out.flush();
                    }
                    watch.waitingOnCaller(false);
                    sent += n;
                }
                watch.waitingOnCaller(true);
                out.flush();
            } catch (IOException e) {
                // The caller went away or the backend broke off: what was sent is what is counted.
            }
            return sent;
        }

        private HttpEntity body() {
            long length = req.getContentLengthLong();
            boolean chunked = req.getHeader("Transfer-Encoding") != null;
            if (length == 0 || (length < 0 && !chunked)) {
                return null;
            }
            try {
                // The caller's Content-Type travels with its other headers.
                return new InputStreamEntity(new FromCaller(req.getInputStream()), length, null);
            } catch (IOException e) {
                throw ApiError.INVALID_ARGUMENT.exception("The request body could not be read.");
            }
        }

        /** The caller's body, read while the backend's deadline waits: a slow upload is not a slow backend. */
        private final class FromCaller extends FilterInputStream {
            FromCaller(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                watch.waitingOnCaller(true);
                try {
                    return super.read();
                } catch (IOException e) {
                    callerBodyBroke = true;
                    throw e;
                } finally {
                    watch.waitingOnCaller(false);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                watch.waitingOnCaller(true);
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    callerBodyBroke = true;
                    throw e;
                } finally {
                    watch.waitingOnCaller(false);
                }
            }
        }
    }
}
