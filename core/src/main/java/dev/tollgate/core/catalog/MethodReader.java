package dev.tollgate.core.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the methods of one API, checking each against the API's scopes and the other methods' routes. */
final class MethodReader {

    private static final Set<String> FIELDS = Set.of("id", "http", "path", "access", "scopes", "cost", "pricePer1000",
            "request", "response");

    private record FirstRoute(String methodId, SourcePosition position) {
    }

    private final CatalogSource source;
    private final Declarations declarations;
    private final String apiLabel;
    private final Set<String> declaredScopes;
    private final Set<String> schemaNames;
    private final Map<String, FirstRoute> routes = new HashMap<>();

    MethodReader(CatalogSource source, Declarations declarations, String apiLabel, Set<String> declaredScopes, Set<String> schemaNames) {
        this.source = source;
        this.declarations = declarations;
        this.apiLabel = apiLabel;
        this.declaredScopes = declaredScopes;
        this.schemaNames = schemaNames;
    }

    ApiMethod read(YamlNode node) {
        String context = Fields.peekString(node, "id").map(id -> "method '" + id + "': ").orElse("API " + apiLabel + ": ");
        Fields method = Fields.of(source, node, "each entry of 'methods'", context, FIELDS);
        String id = method.requiredString("id");
        method.check("id", () -> CatalogRules.checkMethodId(id));
        declarations.claimMethodId(id, apiLabel, method.positionOf("id")).ifPresent(problem -> {
            throw method.error(method.positionOf("id"), problem);
        });
        String http = method.requiredString("http");
        method.check("http", () -> CatalogRules.checkHttpMethod(http));
        String pathText = method.requiredString("path");
        PathTemplate path = method.checked("path", () -> PathTemplate.parse(pathText));
        String accessText = method.requiredString("access");
        Access access = method.checked("access", () -> CatalogRules.parseAccess(accessText));
        Set<String> scopes = readScopes(method, access);
        long cost = method.optionalLong("cost", 1);
        method.check("cost", () -> CatalogRules.checkCost(cost));
        BigDecimal price = method.optionalScalarText("pricePer1000")
                .map(text -> method.checked("pricePer1000", () -> CatalogRules.parsePrice(text)))
                .orElse(BigDecimal.ZERO);
        String request = readBody(method, "request", false);
        if (request != null) {
            method.check("request", () -> ApiMethod.checkRequestAllowed(http));
        }
        String response = readBody(method, "response", true);
        ApiMethod result = method.checked("id", () -> new ApiMethod(id, http, path, access, scopes, (int) cost, price, request, response));
        claimRoute(method, result);
        return result;
    }

    /** A schema name of this API, or for a response also {@code none}; {@code null} when the field is absent. */
    private String readBody(Fields method, String key, boolean noneAllowed) {
        String name = method.optionalString(key).orElse(null);
        if (name == null || (noneAllowed && name.equals(ApiMethod.NO_BODY))) {
            return name;
        }
        if (!schemaNames.contains(name)) {
            throw method.error(method.positionOf(key), ApiDefinition.undeclaredSchema(name, apiLabel)
                    + (noneAllowed ? " (write '" + ApiMethod.NO_BODY + "' for a method that answers without a body)" : ""));
        }
        return name;
    }

    private Set<String> readScopes(Fields method, Access access) {
        List<YamlNode> items = method.optionalList("scopes").orElse(List.of());
        if (items.isEmpty() && access != Access.SIMPLE) {
            throw method.error(method.positionOf("scopes"), "a method with access '" + access.name().toLowerCase(Locale.ROOT)
                    + "' accepts OAuth tokens, so 'scopes' must list at least one scope");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.STRING) {
                throw method.error(item.position(), "each entry of 'scopes' must be a scope name, found " + item.description());
            }
            String scope = scalar.text();
            if (!declaredScopes.contains(scope)) {
                throw method.error(item.position(), ApiDefinition.undeclaredScope(scope, apiLabel));
            }
            if (!scopes.add(scope)) {
                throw method.error(item.position(), "scope '" + scope + "' is listed twice");
            }
        }
        return scopes;
    }

    private void claimRoute(Fields fields, ApiMethod method) {
        SourcePosition position = fields.positionOf("path");
        FirstRoute first = routes.putIfAbsent(ApiDefinition.routeKey(method), new FirstRoute(method.id(), position));
        if (first != null) {
            throw fields.error(position, ApiDefinition.sameRoute(method, first.methodId()) + " (line " + first.position().line() + ")");
        }
    }
}
