package dev.tollgate.core.access;

import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.key.CallOrigin;
import java.util.Optional;

/** One call at the gateway, parsed: which method, with which credentials, from where. */
public record CallAttempt(MethodMatch method, Optional<String> apiKey, Optional<String> bearerToken, CallOrigin origin) {}
