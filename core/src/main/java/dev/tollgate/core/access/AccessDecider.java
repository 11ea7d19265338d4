package dev.tollgate.core.access;

/** Decides one gateway call: the caller it admits, or why not and whom the refusal is charged to. */
@FunctionalInterface
public interface AccessDecider {
    AccessDecision decide(CallAttempt call);
}
