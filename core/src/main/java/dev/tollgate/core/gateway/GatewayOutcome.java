package dev.tollgate.core.gateway;

import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.protocol.ApiException;
import java.util.Optional;

/** How a gateway call ended: the backend's answer was delivered, or the gateway answers with an error. */
public sealed interface GatewayOutcome {
    /** The catalog method the call matched; empty when it matched none. */
    Optional<MethodMatch> method();

    int status();

    /** The backend's answer went to the caller. */
    record Delivered(Optional<MethodMatch> method, int status) implements GatewayOutcome {}

    /** The gateway answers {@code error} itself (Google's JSON error body). */
    record Refused(Optional<MethodMatch> method, ApiException error) implements GatewayOutcome {
        @Override
        public int status() { return error.error().httpStatus(); }
    }
}
