package dev.tollgate.core.user;

import java.time.Instant;
import java.util.Optional;

/** Mailed links, found by the hash of their token. */
public interface EmailTokenRepository {
    void insert(EmailToken token);

    Optional<EmailToken> find(String tokenHash);

    /** Deletes the token; true for exactly one caller, so that a link works once even when opened twice at once. */
    boolean consume(String tokenHash);

    /** Deletes the person's unused links of one purpose: a new link, or a use, retires the older ones. */
    void deleteFor(String userId, EmailToken.Purpose purpose);

    int deleteExpired(Instant now);
}
