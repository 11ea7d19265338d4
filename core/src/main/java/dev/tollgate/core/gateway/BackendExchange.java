package dev.tollgate.core.gateway;

import dev.tollgate.core.quota.QuotaAdmission;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP side of one gateway call, which {@link GatewayCall} drives step by step: the server
 * implements it over the caller's request and its backend client. Each step is called at most once,
 * in the order declared.
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
     * Sends the prepared request and reads the backend's status and headers.
     *
     * @return the backend's status
     * @throws dev.tollgate.protocol.ApiException 502 when the backend cannot be reached, 504 when it does not answer in time
     */
    int forward();

    /**
     * Streams the backend's answer to the caller.
     *
     * @return the bytes of body the caller was sent: fewer than the backend's when the caller went away
     */
    long deliver();
}
