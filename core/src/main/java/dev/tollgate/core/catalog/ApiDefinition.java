package dev.tollgate.core.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One API of the catalog, served at {@code /{name}/{version}/...}.
 *
 * @param description what the API does, for its Discovery document; {@code null} when not declared
 * @param schemas the request and response bodies the methods name, by schema name, in catalog order
 * @param cors which web pages may call the API from a browser
 */
public record ApiDefinition(String name, String version, String title, Backend backend, List<ScopeDefinition> scopes,
        List<ApiMethod> methods, QuotaLimits quota, long freeCallsPerMonth, String description, Map<String, JsonSchema> schemas,
        CorsSettings cors) {

    /** The schema name Discovery documents give a body the catalog does not describe; no API may declare it. */
    public static final String GENERIC_BODY_SCHEMA = "JsonObject";

    /** An API without a description or schemas. */
    public ApiDefinition(String name, String version, String title, Backend backend, List<ScopeDefinition> scopes,
            List<ApiMethod> methods, QuotaLimits quota, long freeCallsPerMonth) {
        this(name, version, title, backend, scopes, methods, quota, freeCallsPerMonth, null, Map.of());
    }

    /** An API any web page may call, the catalog's default. */
    public ApiDefinition(String name, String version, String title, Backend backend, List<ScopeDefinition> scopes,
            List<ApiMethod> methods, QuotaLimits quota, long freeCallsPerMonth, String description, Map<String, JsonSchema> schemas) {
        this(name, version, title, backend, scopes, methods, quota, freeCallsPerMonth, description, schemas, CorsSettings.ANY_ORIGIN);
    }

    public ApiDefinition {
        CatalogRules.checkApiName(name);
        CatalogRules.checkApiVersion(version);
        CatalogRules.checkNotBlank("title", title);
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(cors, "cors");
        scopes = List.copyOf(scopes);
        methods = List.copyOf(methods);
        CatalogRules.checkAtLeast("freeCallsPerMonth", freeCallsPerMonth, 0);
        if (description != null) {
            CatalogRules.checkNotBlank("description", description);
        }
        schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
        String label = label(name, version);
        checkSchemas(schemas, label);
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
            for (String body : new String[] {method.request(), method.response()}) {
                if (body != null && !body.equals(ApiMethod.NO_BODY) && !schemas.containsKey(body)) {
                    throw new IllegalArgumentException("method '" + method.id() + "': " + undeclaredSchema(body, label));
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

    private static void checkSchemas(Map<String, JsonSchema> schemas, String label) {
        for (Map.Entry<String, JsonSchema> schema : schemas.entrySet()) {
            checkSchemaName(schema.getKey());
            Objects.requireNonNull(schema.getValue(), "schema");
            List<JsonSchema> all = new ArrayList<>();
            all.add(schema.getValue());
            schema.getValue().forEachNested(all::add);
            for (JsonSchema nested : all) {
                if (nested.ref() != null && !schemas.containsKey(nested.ref())) {
                    throw new IllegalArgumentException("schema '" + schema.getKey() + "': " + undeclaredSchema(nested.ref(), label));
                }
            }
        }
    }

    static void checkSchemaName(String name) {
        JsonSchema.checkSchemaName(name);
        if (GENERIC_BODY_SCHEMA.equals(name)) {
            throw new IllegalArgumentException("schema name '" + GENERIC_BODY_SCHEMA
                    + "' is reserved for the bodies of methods without a declared schema; choose another name");
        }
    }

    static String undeclaredSchema(String schema, String apiLabel) {
        return "schema '" + schema + "' is not declared in the 'schemas' of API " + apiLabel;
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
