package dev.tollgate.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * Ends the access tokens that match {@code scope} and {@code value} and were issued at or before
 * {@code cutoff}. Tokens minted afterwards are not touched: a service account enabled again, or a
 * person who consents again, gets tokens that work. Kept until {@code until}, when every token it
 * could match has expired anyway.
 */
public record AccessTokenRevocation(Scope scope, String value, Instant cutoff, Instant until) {

    public AccessTokenRevocation {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(until, "until");
    }

    /** What a revocation matches on a token. */
    public enum Scope {
        /** One token, by its id. */
        TOKEN(true),
        /** Every token of a person or a service account. */
        SUBJECT(false),
        /** Every token of an OAuth client (deleted: client ids are not reused). */
        CLIENT(true),
        /** Every token charged to a project (deleted: project ids are not reused). */
        PROJECT(true),
        /** Every token a person gave one client: {@link #subjectAndClient}. */
        SUBJECT_AND_CLIENT(false),
        /** Every token minted from one authorization code or refresh-token family ({@link AccessToken#source()}). */
        SOURCE(true);

        private final boolean forGood;

        Scope(boolean forGood) {
            this.forGood = forGood;
        }

        /**
         * Whether nothing can be minted for the value once it is revoked (a used code, a revoked family,
         * a deleted client or project), so a second revocation of it would end nothing more. A subject
         * or a grant can come back (enabled again, consented again), so theirs are made each time.
         */
        public boolean endsForGood() { return forGood; }
    }

    /** The value of a {@link Scope#SUBJECT_AND_CLIENT} revocation. Neither id holds a space. */
    public static String subjectAndClient(String subjectId, String clientId) {
        return subjectId + " " + clientId;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(until);
    }
}
