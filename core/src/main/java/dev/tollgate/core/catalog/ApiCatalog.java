package dev.tollgate.core.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The APIs the gateway serves, with the lookups it needs per request. Build one with
 * {@link CatalogLoader}, or directly from definitions; either way names, scopes and method ids are
 * checked to be unique.
 *
 * <p>A record cannot hold fields besides its components, so the lookup tables live in the
 * unmodifiable list that {@link #apis()} returns.
 */
public record ApiCatalog(List<ApiDefinition> apis) {

    public ApiCatalog {
        apis = CatalogIndex.of(apis);
    }

    public Optional<ApiDefinition> api(String name, String version) {
        return Optional.ofNullable(index().api(name, version));
    }

    /**
     * Finds the method a request calls.
     *
     * @param path the raw request path after {@code /{api}/{version}}, such as {@code /people/me/posts}
     */
    public Optional<MethodMatch> match(String api, String version, String httpMethod, String path) {
        return Optional.ofNullable(index().match(api, version, httpMethod, path));
    }

    /** A scope declared by any API of the catalog. */
    public Optional<ScopeDefinition> scope(String name) {
        return Optional.ofNullable(index().scope(name));
    }

    public Set<String> scopeNames() {
        return index().scopeNames();
    }

    public Optional<ApiMethod> method(String methodId) {
        return Optional.ofNullable(index().method(methodId));
    }

    private CatalogIndex index() {
        return (CatalogIndex) apis;
    }
}
