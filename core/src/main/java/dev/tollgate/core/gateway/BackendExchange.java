package dev.tollgate.core.gateway;

import dev.tollgate.core.quota.QuotaAdmission;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The HTTP side of one gateway call, which {@link GatewayCall} drives step by step: the server
 * implements it over the caller's request and its backend client. Each step is called at most once,
 * in the order declared. A blocking implementation returns completed stages; an event-driven one
 * completes them from its event loop.
 */
public interface BackendExchange {
    /**
     * Builds the backend request: the caller's headers that may travel, {@code identity} (already
     * verified), and the caller's body.
     *
     * @throws dev.tollgate.protocol.ApiException 400 when the request cannot be forwarded as it is
     */
    void prepare(URI target, Map<String, String> identity);

    /** Tells the caller what its quota allows ({@code X-RateLimit-*}). */
    void allowance(QuotaAdmission.Allowance allowance);

    /**
     * Where the call goes on once its charge is on disk. Never the journal's own writer, whose
     * thread completes the charge: a backend that takes its time would hold every other call's charge.
     */
    Executor resumeOn();

    /**
     * Sends the prepared request and reads the backend's status and headers.
     *
     * @return the backend's status; fails with a 502 {@link dev.tollgate.protocol.ApiException} when the
     *     backend cannot be reached, 504 when it does not answer in time
     */
    CompletionStage<Integer> forward();

    /**
     * Streams the backend's answer to the caller.
     *
     * @return the bytes of body the caller was sent: fewer than the backend's when the caller went away
     */
    CompletionStage<Long> deliver();
}
