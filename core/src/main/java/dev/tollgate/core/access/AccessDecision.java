package dev.tollgate.core.access;

import dev.tollgate.protocol.ApiException;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an access check: the caller admitted, or why not — and, when the credential named
 * a project before the call was refused (a restricted key, a token without the scope, an API not
 * enabled), that project, whose ledger the refusal lands in.
 */
public sealed interface AccessDecision {

    static AccessDecision allow(Caller caller) {
        return new Allowed(caller);
    }

    /** Refused before any project was known: a missing, malformed or unknown credential. */
    static AccessDecision refuse(ApiException reason) {
        return new Refused(reason, Optional.empty());
    }

    /** Refused after the credential named its project: the refusal is charged to it. */
    static AccessDecision refuse(ApiException reason, Caller chargedTo) {
        return new Refused(reason, Optional.of(chargedTo));
    }

    /** The admitted caller, or the refusal thrown. */
    Caller orThrow();

    record Allowed(Caller caller) implements AccessDecision {
        public Allowed {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Caller orThrow() { return caller; }
    }

    record Refused(ApiException reason, Optional<Caller> chargedTo) implements AccessDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(chargedTo, "chargedTo");
        }

        @Override
        public Caller orThrow() { throw reason; }
    }
}
