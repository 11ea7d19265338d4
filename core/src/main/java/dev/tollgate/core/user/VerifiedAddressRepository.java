package dev.tollgate.core.user;

import dev.tollgate.core.principal.VerifiedAddresses;
import java.time.Instant;

/** Which person has proved which address, and the change of a person's address once the new one is proved. */
public interface VerifiedAddressRepository extends VerifiedAddresses {

    /** Records that the person opened a link sent to {@code email}; replaces what was recorded before. */
    void markVerified(String userId, String email, Instant when);

    /** Forgets the person's proof: their address is unverified again. */
    void revoke(String userId);

    /**
     * Makes {@code newEmail} the person's address, verified, in one step.
     *
     * @throws dev.tollgate.core.store.DuplicateException if another person has that address
     */
    void changeEmail(String userId, String newEmail, Instant when);
}
