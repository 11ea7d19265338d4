package dev.tollgate.core.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One API of the catalog, served at {@code /{name}/{version}/...}. */
public record ApiDefinition(String name, String version, String title, Backend backend, List<ScopeDefinition> scopes,
        List<ApiMethod> methods, QuotaLimits quota, long freeCallsPerMonth) {

    public ApiDefinition {
        CatalogRules.checkApiName(name);
        CatalogRules.checkApiVersion(version);
        CatalogRules.checkNotBlank("title", title);
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(quota, "quota");
        scopes = List.copyOf(scopes);
        methods = List.copyOf(methods);
        CatalogRules.checkAtLeast("freeCallsPerMonth", freeCallsPerMonth, 0);
        String label = label(name, version);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("API " + label + " must declare at least one method");
        }
        Set<String> scopeNames = new HashSet<>();
        for (ScopeDefinition scope : scopes) {
            if (!scopeNames.add(scope.name())) {
                throw new IllegalArgumentException("scope '" + scope.name() + "' is declared twice by API " + label);
            }
        }
        Set<String> methodIds = new HashSet<>();
        Map<String, String> routes = new HashMap<>();
        for (ApiMethod method : methods) {
            if (!methodIds.add(method.id())) {
                throw new IllegalArgumentException("method id '" + method.id() + "' is used twice in API " + label);
            }
            for (String scope : method.scopes()) {
                if (!scopeNames.contains(scope)) {
                    throw new IllegalArgumentException(undeclaredScope(scope, label));
                }
            }
            String previous = routes.putIfAbsent(routeKey(method), method.id());
            if (previous != null) {
                throw new IllegalArgumentException(sameRoute(method, previous));
            }
        }
    }

    /** How people refer to an API: "posts v1". */
    public String label() {
        return label(name, version);
    }

    static String label(String name, String version) {
        return name + " " + version;
    }

    static String routeKey(ApiMethod method) {
        return method.httpMethod() + " " + method.path().shape();
    }

    static String undeclaredScope(String scope, String apiLabel) {
        return "scope '" + scope + "' is not declared by API " + apiLabel;
    }

    static String sameRoute(ApiMethod method, String otherMethodId) {
        return method.httpMethod() + " " + method.path() + " has the same route as method '" + otherMethodId + "'";
    }
}
