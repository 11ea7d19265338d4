package dev.tollgate.core.access;

/** Decides one gateway call: the caller it admits, or why not and whom the refusal is charged to. */
@FunctionalInterface
public interface AccessDecider {
    AccessDecision decide(CallAttempt call);

    /**
     * The project that pays for a call refused before it matched a method (a malformed path, no such
     * method): the project of its credential, when that is a live key or token. Nothing else is checked.
     */
    default java.util.Optional<Caller> payer(java.util.Optional<String> apiKey, java.util.Optional<String> bearerToken) {
        return java.util.Optional.empty();
    }
}
