package dev.tollgate.core.oauth;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ScopeDefinition;
import dev.tollgate.core.token.KnownScopes;

/** The sentence a person reads for each scope: the catalog's words, or the platform's own. */
public final class ScopeDescriptions {
    private final ApiCatalog catalog;

    public ScopeDescriptions(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    public String describe(String scope) {
        return switch (scope) {
            case KnownScopes.OPENID -> "Associate you with your personal info on Tollgate";
            case KnownScopes.EMAIL -> "See your primary email address";
            case KnownScopes.PROFILE -> "See your personal info";
            case KnownScopes.ADMIN -> "Manage your Tollgate projects, keys and service accounts";
            default -> catalog.scope(scope).map(ScopeDefinition::description).orElse(scope);
        };
    }
}
