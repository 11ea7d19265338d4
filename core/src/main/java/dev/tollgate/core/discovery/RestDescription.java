package dev.tollgate.core.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.ApiMethod;
import dev.tollgate.core.catalog.JsonSchema;
import dev.tollgate.core.catalog.ScopeDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds the Discovery document ({@code discovery#restDescription}) of one API of the catalog, the
 * document from which Google's client libraries generate a client.
 */
final class RestDescription {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RestDescription() {
    }

    /** @param rootUrl the issuer with a trailing slash, such as {@code https://api.example.com/} */
    static ObjectNode build(ApiDefinition api, String rootUrl) {
        ObjectNode document = JSON.objectNode();
        document.put("kind", "discovery#restDescription");
        document.put("discoveryVersion", "v1");
        document.put("id", api.name() + ":" + api.version());
        document.put("name", api.name());
        document.put("version", api.version());
        document.put("title", api.title());
        document.put("description", description(api));
        document.put("protocol", "rest");
        String servicePath = api.name() + "/" + api.version() + "/";
        document.put("rootUrl", rootUrl);
        document.put("servicePath", servicePath);
        document.put("baseUrl", rootUrl + servicePath);
        // No batchPath: the gateway offers no batch endpoint, and libraries only batch when one is named.
        document.set("parameters", StandardParameters.build(JSON));
        document.set("auth", auth(api));
        document.set("schemas", schemas(api));
        ObjectNode tree = JSON.objectNode();
        for (ApiMethod method : api.methods()) {
            place(tree, resourcePath(api, method), method(api, method));
        }
        if (tree.has("resources")) {
            document.set("resources", tree.get("resources"));
        }
        if (tree.has("methods")) {
            document.set("methods", tree.get("methods"));
        }
        return document;
    }

    static String description(ApiDefinition api) {
        return api.description() == null ? api.title() : api.description();
    }

    /**
     * Where a method sits: its id without the API's name, such as {@code [people, posts, list]} for
     * {@code posts.people.posts.list}. An id that does not start with the API's name keeps all its segments.
     */
    static List<String> resourcePath(ApiDefinition api, ApiMethod method) {
        List<String> segments = Arrays.asList(method.id().split("\\."));
        boolean namedAfterApi = segments.size() > 1 && segments.get(0).equals(api.name());
        return namedAfterApi ? segments.subList(1, segments.size()) : segments;
    }

    private static void place(ObjectNode tree, List<String> path, ObjectNode method) {
        ObjectNode level = tree;
        for (String resource : path.subList(0, path.size() - 1)) {
            level = level.withObjectProperty("resources").withObjectProperty(resource);
        }
        level.withObjectProperty("methods").set(path.get(path.size() - 1), method);
    }

    private static ObjectNode auth(ApiDefinition api) {
        ObjectNode auth = JSON.objectNode();
        ObjectNode scopes = auth.putObject("oauth2").putObject("scopes");
        // The scope names Tollgate's token endpoint knows; client libraries send them as they are.
        for (ScopeDefinition scope : api.scopes()) {
            scopes.putObject(scope.name()).put("description", scope.description());
        }
        return auth;
    }

    private static ObjectNode schemas(ApiDefinition api) {
        ObjectNode schemas = JSON.objectNode();
        for (Map.Entry<String, JsonSchema> schema : api.schemas().entrySet()) {
            ObjectNode node = JSON.objectNode();
            node.put("id", schema.getKey());
            node.setAll(schema(schema.getValue()));
            schemas.set(schema.getKey(), node);
        }
        if (api.methods().stream().anyMatch(RestDescription::usesGenericBody)) {
            ObjectNode generic = schemas.putObject(ApiDefinition.GENERIC_BODY_SCHEMA);
            generic.put("id", ApiDefinition.GENERIC_BODY_SCHEMA);
            generic.put("type", "object");
            generic.put("description", "Any JSON object: the catalog does not describe this body.");
            generic.putObject("additionalProperties").put("type", "any");
        }
        return schemas;
    }

    private static boolean usesGenericBody(ApiMethod method) {
        return (method.hasRequestBody() && method.request() == null) || method.response() == null;
    }

    static ObjectNode schema(JsonSchema schema) {
        ObjectNode node = JSON.objectNode();
        if (schema.ref() != null) {
            node.put("$ref", schema.ref());
        } else {
            node.put("type", schema.type());
        }
        if (schema.description() != null) {
            node.put("description", schema.description());
        }
        if (schema.format() != null) {
            node.put("format", schema.format());
        }
        if (!schema.enumValues().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            schema.enumValues().forEach(values::add);
        }
        if (schema.required()) {
            node.put("required", true);
        }
        if (!schema.properties().isEmpty()) {
            ObjectNode properties = node.putObject("properties");
            schema.properties().forEach((name, property) -> properties.set(name, schema(property)));
        }
        if (schema.items() != null) {
            node.set("items", schema(schema.items()));
        }
        if (schema.additionalProperties() != null) {
            node.set("additionalProperties", schema(schema.additionalProperties()));
        }
        return node;
    }

    private static ObjectNode method(ApiDefinition api, ApiMethod method) {
        ObjectNode node = JSON.objectNode();
        node.put("id", method.id());
        // Relative to servicePath, without the leading slash, as Google's are.
        String path = method.path().template().substring(1);
        node.put("path", path);
        node.put("flatPath", path);
        node.put("httpMethod", method.httpMethod());
        List<String> variables = method.path().variableNames();
        // Google leaves both out for a method without parameters; the libraries read them as empty.
        if (!variables.isEmpty()) {
            ObjectNode parameters = node.putObject("parameters");
            for (String variable : variables) {
                ObjectNode parameter = parameters.putObject(variable);
                parameter.put("type", "string");
                parameter.put("description", "The " + variable + " segment of the path.");
                parameter.put("required", true);
                parameter.put("location", "path");
            }
            ArrayNode order = node.putArray("parameterOrder");
            variables.forEach(order::add);
        }
        if (method.hasRequestBody()) {
            node.putObject("request").put("$ref", method.request() == null ? ApiDefinition.GENERIC_BODY_SCHEMA : method.request());
        }
        if (!ApiMethod.NO_BODY.equals(method.response())) {
            node.putObject("response").put("$ref", method.response() == null ? ApiDefinition.GENERIC_BODY_SCHEMA : method.response());
        }
        if (!method.scopes().isEmpty()) {
            ArrayNode scopes = node.putArray("scopes");
            method.scopes().forEach(scopes::add);
        }
        return node;
    }
}
