package dev.tollgate.core.user;

/**
 * Decides whether a password may be tried, in a way that a stranger cannot turn against the
 * account's owner: failures are counted per account and source, so an attacker's failures refuse
 * only the attacker's own address; failures from everywhere only slow the account down; and a
 * browser the account knows is never refused for what happened elsewhere. See {@link ThrottleLimits}.
 */
public interface SignInThrottle {

    /**
     * Counts an attempt as a failure before its password is checked (so that a burst of concurrent
     * attempts cannot pass a limit), or refuses it.
     *
     * @throws AccountException {@link AccountProblem#TOO_MANY_ATTEMPTS}, with how long to wait;
     *                          nothing is counted then
     */
    Attempt begin(SignInSource source);

    /** An attempt under way. */
    interface Attempt {
        /** The password was right: the attempt is uncounted, and its source's earlier failures for the account forgotten. */
        void succeeded();

        /** The password could not be checked (the server was busy): the attempt is uncounted. */
        void abandoned();
    }
}
