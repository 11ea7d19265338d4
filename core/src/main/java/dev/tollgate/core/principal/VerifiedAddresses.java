package dev.tollgate.core.principal;

/**
 * Whether a person has proved, by opening a mailed link, that an email address is theirs. Roles
 * granted to {@code user:EMAIL} and the platform administrator's rights follow only a proved
 * address: anyone can sign up with someone else's address, but cannot open that person's mail.
 */
@FunctionalInterface
public interface VerifiedAddresses {

    /** Trusts every address: for wiring that has no people to check (tests, benchmarks). */
    VerifiedAddresses EVERY_ADDRESS = (userId, email) -> true;

    /** Whether the person {@code userId} holds {@code email} now and has verified it. */
    boolean isVerifiedOwner(String userId, String email);

    /** Whether the principal may act as the owner of its address: service accounts always, people once verified. */
    default boolean owns(Principal principal) {
        return !(principal instanceof Principal.Person person) || isVerifiedOwner(person.userId(), person.email());
    }
}
