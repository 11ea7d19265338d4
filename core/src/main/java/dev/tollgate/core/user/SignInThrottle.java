package dev.tollgate.core.user;

import java.net.InetAddress;

/**
 * Counts failed sign-ins per account and per client address, and says when to stop listening.
 * An account is named by the email as typed (normalized when possible), whether or not it
 * exists, so that being throttled reveals nothing about existence.
 *
 * <p>{@link InMemorySignInThrottle} serves one node; several nodes need a shared implementation
 * (Redis) so that an attacker cannot multiply the limits by the number of nodes.
 */
public interface SignInThrottle {

    /** Whether attempts for this account, or from this address, are refused for now. */
    boolean isBlocked(String account, InetAddress client);

    void recordFailure(String account, InetAddress client);

    /** A correct password clears the account's failures; the address's stay counted. */
    void recordSuccess(String account);
}
