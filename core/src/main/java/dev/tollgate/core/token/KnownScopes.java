package dev.tollgate.core.token;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import java.util.HashSet;
import java.util.Set;

/** The scopes a token may carry: those the catalog's APIs declare, and the platform's own. */
public final class KnownScopes {
    public static final String ADMIN = "admin";
    public static final String OPENID = "openid";
    public static final String EMAIL = "email";
    public static final String PROFILE = "profile";

    private final Set<String> names;

    public KnownScopes(ApiCatalog catalog) {
        var all = new HashSet<>(catalog.scopeNames());
        all.add(ADMIN);
        all.add(OPENID);
        all.add(EMAIL);
        all.add(PROFILE);
        this.names = Set.copyOf(all);
    }

    public boolean isKnown(String scope) {
        return names.contains(scope);
    }

    public Scopes requireKnown(Scopes requested) throws OAuthException {
        if (requested.isEmpty()) {
            throw OAuthError.INVALID_SCOPE.exception("Empty or missing scope not allowed.");
        }
        for (String scope : requested.values()) {
            if (!names.contains(scope)) {
                throw OAuthError.INVALID_SCOPE.exception("Unknown scope: " + (scope.length() > 64 ? scope.substring(0, 64) + "…" : scope));
            }
        }
        return requested;
    }
}
