package dev.tollgate.core.oauth;

import java.util.Optional;

public interface AuthorizationCodeRepository {
    void insert(AuthorizationCodeRecord code);

    /** A code looked up for redemption, and whether this was its first redemption. */
    record Redemption(AuthorizationCodeRecord code, boolean firstUse) {}

    /** Marks the code used, atomically: of two concurrent redemptions only one is the first. */
    Optional<Redemption> redeem(String codeHash);
}
