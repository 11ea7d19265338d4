package dev.tollgate.core.catalog;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One operation of an API.
 *
 * @param scopes the scopes of which a token needs any one; kept in catalog order because the
 *     first is what an error message suggests
 * @param cost how many quota units one call uses
 * @param pricePer1000 what 1000 calls cost beyond the API's free calls
 */
public record ApiMethod(String id, String httpMethod, PathTemplate path, Access access, Set<String> scopes, int cost,
        BigDecimal pricePer1000) {

    public ApiMethod {
        CatalogRules.checkMethodId(id);
        CatalogRules.checkHttpMethod(httpMethod);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        if (access != Access.SIMPLE && scopes.isEmpty()) {
            throw new IllegalArgumentException("method '" + id + "' accepts OAuth tokens, so it must list at least one scope");
        }
        CatalogRules.checkCost(cost);
        CatalogRules.checkPrice(pricePer1000);
    }
}
