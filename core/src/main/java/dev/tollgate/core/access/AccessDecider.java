package dev.tollgate.core.access;

/** Decides one gateway call: the caller it admits, or an ApiException saying why not. */
@FunctionalInterface
public interface AccessDecider {
    Caller decide(CallAttempt call);
}
