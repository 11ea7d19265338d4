package dev.tollgate.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one entry of {@code apis}: its identity, scopes, limits and methods. */
final class ApiReader {

    private static final Set<String> API_FIELDS =
            Set.of("name", "version", "title", "description", "backend", "scopes", "quota", "billing", "schemas", "methods", "cors");
    private static final Set<String> SCOPE_FIELDS = Set.of("name", "description");
    private static final Set<String> QUOTA_FIELDS =
            Set.of("requestsPerMinutePerProject", "requestsPerDayPerProject", "requestsPerMinutePerUser");
    private static final Set<String> BILLING_FIELDS = Set.of("freeCallsPerMonth");
    private static final Set<String> CORS_FIELDS = Set.of("allowedOrigins", "allowedHeaders");

    private final CatalogSource source;
    private final Declarations declarations;

    ApiReader(CatalogSource source, Declarations declarations) {
        this.source = source;
        this.declarations = declarations;
    }

    ApiDefinition read(YamlNode node) {
        String context = Fields.peekString(node, "name")
                .map(name -> "API " + Fields.peekString(node, "version").map(version -> ApiDefinition.label(name, version)).orElse(name) + ": ")
                .orElse("");
        Fields api = Fields.of(source, node, "each entry of 'apis'", context, API_FIELDS);
        String name = api.requiredString("name");
        api.check("name", () -> CatalogRules.checkApiName(name));
        String version = api.requiredString("version");
        api.check("version", () -> CatalogRules.checkApiVersion(version));
        String label = ApiDefinition.label(name, version);
        declarations.claimApi(label, api.positionOf("name")).ifPresent(problem -> {
            throw api.error(api.positionOf("name"), problem);
        });
        String title = api.requiredString("title");
        api.check("title", () -> CatalogRules.checkNotBlank("title", title));
        String description = api.optionalString("description").orElse(null);
        if (description != null) {
            api.check("description", () -> CatalogRules.checkNotBlank("description", description));
        }
        String backend = api.requiredString("backend");
        Backend parsedBackend = api.checked("backend", () -> CatalogRules.parseBackend(backend));
        List<ScopeDefinition> scopes = readScopes(api, label);
        QuotaLimits quota = readQuota(api);
        long freeCalls = readFreeCalls(api);
        Map<String, JsonSchema> schemas = new SchemaReader(source, label).read(api);
        List<ApiMethod> methods = readMethods(api, label, scopes, schemas.keySet());
        CorsSettings cors = readCors(api);
        return api.checked("name", () -> new ApiDefinition(name, version, title, parsedBackend, scopes, methods, quota, freeCalls,
                description, schemas, cors));
    }

    private List<ScopeDefinition> readScopes(Fields api, String label) {
        List<ScopeDefinition> scopes = new ArrayList<>();
        for (YamlNode node : api.optionalList("scopes").orElse(List.of())) {
            Fields scope = api.item(node, "each entry of 'scopes'", SCOPE_FIELDS);
            String name = scope.requiredString("name");
            scope.check("name", () -> CatalogRules.checkScopeName(name));
            declarations.claimScope(name, label, scope.positionOf("name")).ifPresent(problem -> {
                throw scope.error(scope.positionOf("name"), problem);
            });
            String description = scope.requiredString("description");
            scopes.add(scope.checked("description", () -> new ScopeDefinition(name, description)));
        }
        return scopes;
    }

    private QuotaLimits readQuota(Fields api) {
        Optional<Fields> declared = api.optionalMapping("quota", QUOTA_FIELDS);
        if (declared.isEmpty()) {
            return QuotaLimits.DEFAULT;
        }
        Fields quota = declared.get();
        long perMinutePerProject = positive(quota, "requestsPerMinutePerProject", QuotaLimits.DEFAULT.requestsPerMinutePerProject());
        long perDayPerProject = positive(quota, "requestsPerDayPerProject", QuotaLimits.DEFAULT.requestsPerDayPerProject());
        long perMinutePerUser = positive(quota, "requestsPerMinutePerUser", QuotaLimits.DEFAULT.requestsPerMinutePerUser());
        return quota.checked("requestsPerMinutePerProject", () -> new QuotaLimits(perMinutePerProject, perDayPerProject, perMinutePerUser));
    }

    private static long positive(Fields fields, String key, long defaultValue) {
        long value = fields.optionalLong(key, defaultValue);
        fields.check(key, () -> CatalogRules.checkAtLeast(key, value, 1));
        return value;
    }

    private long readFreeCalls(Fields api) {
        Optional<Fields> declared = api.optionalMapping("billing", BILLING_FIELDS);
        if (declared.isEmpty()) {
            return 0;
        }
        Fields billing = declared.get();
        long freeCalls = billing.optionalLong("freeCallsPerMonth", 0);
        billing.check("freeCallsPerMonth", () -> CatalogRules.checkAtLeast("freeCallsPerMonth", freeCalls, 0));
        return freeCalls;
    }

    /** {@code cors}: each origin and header is checked where it is written, so a bad one stops the start at its line. */
    private CorsSettings readCors(Fields api) {
        Optional<Fields> declared = api.optionalMapping("cors", CORS_FIELDS);
        if (declared.isEmpty()) {
            return CorsSettings.ANY_ORIGIN;
        }
        Fields cors = declared.get();
        List<String> origins = texts(cors, "allowedOrigins", text -> {
            if (!text.equals("*")) {
                CorsSettings.origin(text);
            }
        }).orElse(List.of("*"));
        List<String> headers = texts(cors, "allowedHeaders", CorsSettings::checkHeaderName).orElse(List.of());
        return cors.checked(cors.optional("allowedOrigins").isPresent() ? "allowedOrigins" : "allowedHeaders",
                () -> CorsSettings.of(origins, headers));
    }

    private static Optional<List<String>> texts(Fields fields, String key, java.util.function.Consumer<String> rule) {
        return fields.optionalList(key).map(nodes -> {
            List<String> texts = new ArrayList<>();
            for (YamlNode node : nodes) {
                if (!(node instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.STRING) {
                    throw fields.error(node.position(), "each entry of '" + key + "' must be text, found " + node.description());
                }
                fields.checkedAt(node.position(), () -> {
                    rule.accept(scalar.text());
                    return null;
                });
                texts.add(scalar.text());
            }
            return texts;
        });
    }

    private List<ApiMethod> readMethods(Fields api, String label, List<ScopeDefinition> scopes, Set<String> schemaNames) {
        List<YamlNode> nodes = api.requiredList("methods");
        if (nodes.isEmpty()) {
            throw api.error(api.positionOf("methods"), "'methods' must list at least one method");
        }
        Set<String> declaredScopes = new LinkedHashSet<>();
        scopes.forEach(scope -> declaredScopes.add(scope.name()));
        MethodReader reader = new MethodReader(source, declarations, label, declaredScopes, schemaNames);
        List<ApiMethod> methods = new ArrayList<>();
        for (YamlNode node : nodes) {
            methods.add(reader.read(node));
        }
        return methods;
    }
}
