package dev.tollgate.core.catalog;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The unmodifiable list of a catalog's APIs together with the lookup tables built from it once, so
 * that matching a request costs two map lookups and a few segment comparisons.
 */
final class CatalogIndex extends AbstractList<ApiDefinition> implements RandomAccess {

    private final ApiDefinition[] apis;
    // Nested by name then version so a lookup needs no key concatenation per request.
    private final Map<String, Map<String, Routes>> routesByNameAndVersion = new HashMap<>();
    private final Map<String, ScopeDefinition> scopesByName = new LinkedHashMap<>();
    private final Set<String> scopeNames = Collections.unmodifiableSet(scopesByName.keySet());
    private final Map<String, ApiMethod> methodsById = new HashMap<>();

    private CatalogIndex(List<ApiDefinition> apis) {
        this.apis = apis.toArray(ApiDefinition[]::new);
        for (ApiDefinition api : this.apis) {
            Objects.requireNonNull(api, "api");
            register(api);
        }
    }

    static CatalogIndex of(List<ApiDefinition> apis) {
        Objects.requireNonNull(apis, "apis");
        return apis instanceof CatalogIndex index ? index : new CatalogIndex(apis);
    }

    ApiDefinition api(String name, String version) {
        Routes routes = routes(name, version);
        return routes == null ? null : routes.api;
    }

    MethodMatch match(String name, String version, String httpMethod, String path) {
        Routes routes = routes(name, version);
        return routes == null ? null : routes.match(httpMethod, path);
    }

    ScopeDefinition scope(String name) {
        return name == null ? null : scopesByName.get(name);
    }

    Set<String> scopeNames() {
        return scopeNames;
    }

    ApiMethod method(String id) {
        return id == null ? null : methodsById.get(id);
    }

    @Override
    public ApiDefinition get(int index) {
        return apis[index];
    }

    @Override
    public int size() {
        return apis.length;
    }

    private Routes routes(String name, String version) {
        if (name == null || version == null) {
            return null;
        }
        Map<String, Routes> versions = routesByNameAndVersion.get(name);
        return versions == null ? null : versions.get(version);
    }

    private void register(ApiDefinition api) {
        Map<String, Routes> versions = routesByNameAndVersion.computeIfAbsent(api.name(), name -> new HashMap<>());
        if (versions.putIfAbsent(api.version(), new Routes(api)) != null) {
            throw new IllegalArgumentException("API " + api.label() + " is declared twice");
        }
        for (ScopeDefinition scope : api.scopes()) {
            if (scopesByName.putIfAbsent(scope.name(), scope) != null) {
                throw new IllegalArgumentException("scope '" + scope.name() + "' is declared by more than one API");
            }
        }
        for (ApiMethod method : api.methods()) {
            if (methodsById.putIfAbsent(method.id(), method) != null) {
                throw new IllegalArgumentException("method id '" + method.id() + "' is used by more than one API");
            }
        }
    }

    /** One API's methods grouped by HTTP method, most specific path first. */
    private static final class Routes {
        private static final ApiMethod[] NONE = new ApiMethod[0];

        private final ApiDefinition api;
        private final Map<String, ApiMethod[]> methodsByVerb = new HashMap<>();

        Routes(ApiDefinition api) {
            this.api = api;
            Map<String, List<ApiMethod>> grouped = new HashMap<>();
            for (ApiMethod method : api.methods()) {
                grouped.computeIfAbsent(method.httpMethod(), verb -> new ArrayList<>()).add(method);
            }
            grouped.forEach((verb, methods) -> {
                ApiMethod[] sorted = methods.toArray(ApiMethod[]::new);
                Arrays.sort(sorted, (a, b) -> PathTemplate.MOST_SPECIFIC_FIRST.compare(a.path(), b.path()));
                methodsByVerb.put(verb, sorted);
            });
        }

        MethodMatch match(String httpMethod, String path) {
            if (httpMethod == null) {
                return null;
            }
            for (ApiMethod method : methodsByVerb.getOrDefault(httpMethod, NONE)) {
                Map<String, String> params = method.path().matchOrNull(path);
                if (params != null) {
                    return new MethodMatch(api, method, params);
                }
            }
            return null;
        }
    }
}
