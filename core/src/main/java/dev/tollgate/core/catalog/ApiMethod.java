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
 * @param request the name of the API's schema for the request body; {@code null} when not declared
 * @param response the name of the API's schema for the response body, {@link #NO_BODY} when the method
 *     answers without one, {@code null} when not declared
 */
public record ApiMethod(String id, String httpMethod, PathTemplate path, Access access, Set<String> scopes, int cost,
        BigDecimal pricePer1000, String request, String response) {

    /** What {@code response: none} says in the catalog: the method answers without a body. */
    public static final String NO_BODY = "none";

    /** A method whose bodies the catalog does not describe. */
    public ApiMethod(String id, String httpMethod, PathTemplate path, Access access, Set<String> scopes, int cost,
            BigDecimal pricePer1000) {
        this(id, httpMethod, path, access, scopes, cost, pricePer1000, null, null);
    }

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
        if (request != null) {
            checkRequestAllowed(httpMethod);
            JsonSchema.checkSchemaName(request);
        }
        if (response != null && !NO_BODY.equals(response)) {
            JsonSchema.checkSchemaName(response);
        }
    }

    /** Whether the method takes a request body: POST, PUT and PATCH do. */
    public boolean hasRequestBody() {
        return hasRequestBody(httpMethod);
    }

    static boolean hasRequestBody(String httpMethod) {
        return httpMethod.equals("POST") || httpMethod.equals("PUT") || httpMethod.equals("PATCH");
    }

    static void checkRequestAllowed(String httpMethod) {
        if (!hasRequestBody(httpMethod)) {
            throw new IllegalArgumentException("a " + httpMethod + " method has no request body, so it takes no 'request' schema");
        }
    }
}
