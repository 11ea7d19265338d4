package dev.tollgate.server.admin.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.server.http.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of {@code /admin/v1}, made from {@link AdminOperations} and
 * {@link AdminSchemas}. Every authenticated operation may answer Google's error body with 400,
 * 401, 403 and 404; those that create a resource named by the caller also with 409.
 */
public final class AdminApiDescription {
    public static final String PATH = AdminOperations.OPENAPI_PATH;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String SECURITY = "adminAccessToken";

    /** What each path parameter of the routes holds; the names are the routes' own. */
    private static final Map<String, String> PATH_PARAMETERS = Map.of(
            "p", "The project id.",
            "api", "The API's name in the catalog, such as posts.",
            "k", "The API key's id (keyId).",
            "sa", "The service account's email; for the POST custom methods followed by :disable or :enable.",
            "key", "The service account key's id (keyId); for the POST custom methods followed by :disable or :enable.",
            "c", "The OAuth client's id.",
            "s", "The client secret's id (secretId).",
            "month", "The statement's month, YYYY-MM.",
            "member", "The member as user:EMAIL or serviceAccount:EMAIL (percent-encoded).",
            "nameAndAction", "The person's email followed by :resendVerification or :revokeVerification.");

    private static final Map<String, ErrorCase> ERRORS = new LinkedHashMap<>();

    private record ErrorCase(String status, String description) {}

    static {
        ERRORS.put("400", new ErrorCase("BadRequest", "INVALID_ARGUMENT or FAILED_PRECONDITION: the request is malformed or cannot be done now."));
        ERRORS.put("401", new ErrorCase("Unauthenticated", "UNAUTHENTICATED: no access token, or an invalid or expired one."));
        ERRORS.put("403", new ErrorCase("PermissionDenied",
                "PERMISSION_DENIED: the token lacks the admin scope, or the caller lacks the role (also when the project does not exist)."));
        ERRORS.put("404", new ErrorCase("NotFound", "NOT_FOUND: no such resource (a platform administrator learns a project is missing)."));
        ERRORS.put("409", new ErrorCase("AlreadyExists", "ALREADY_EXISTS: the id is taken, or was used by something deleted."));
    }

    private static final byte[] DOCUMENT = Json.write(build()).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private AdminApiDescription() {}

    /** The document as served. */
    public static byte[] bytes() {
        return DOCUMENT.clone();
    }

    /** Each documented operation as "METHOD /path/template". */
    public static Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        AdminOperations.all().forEach(op -> out.add(op.method() + " " + op.path()));
        return out;
    }

    static ObjectNode build() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "Tollgate admin API")
                .put("version", "v1")
                .put("description", "Projects, their API keys, service accounts, OAuth clients, quotas, billing, usage and audit logs, "
                        + "and the people of a Tollgate. Called with Authorization: Bearer and an OAuth 2 access token that has the "
                        + "admin scope; what the caller may do follows its role in the project (x-tollgate-role) or platform "
                        + "administration. Errors are Google's JSON error body. See docs/ADMIN-API.md.");
        doc.putArray("security").addObject().putArray(SECURITY);
        ObjectNode paths = doc.putObject("paths");
        for (Operation op : AdminOperations.all()) {
            ObjectNode item = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : paths.putObject(op.path());
            item.set(op.method().toLowerCase(java.util.Locale.ROOT), operation(op));
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        new AdminSchemas().all().forEach(schemas::set);
        ObjectNode parameters = components.putObject("parameters");
        PATH_PARAMETERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parameters.putObject(e.getKey())
                .put("name", e.getKey()).put("in", "path").put("required", true).put("description", e.getValue())
                .putObject("schema").put("type", "string"));
        ObjectNode responses = components.putObject("responses");
        ERRORS.values().forEach(error -> responses.putObject(error.status()).put("description", error.description())
                .putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ApiErrorBody"));
        responses.putObject("Error").put("description", "Any other error (429 RESOURCE_EXHAUSTED, 500 INTERNAL, …), in the same body.")
                .putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/ApiErrorBody");
        components.putObject("securitySchemes").putObject(SECURITY)
                .put("type", "http").put("scheme", "bearer")
                .put("description", "An OAuth 2 access token with the admin scope, from POST /token: a service account's JWT "
                        + "assertion (RFC 7523) or a person's grant through a web OAuth client.");
        return doc;
    }

    private static ObjectNode operation(Operation op) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("operationId", op.operationId());
        o.putArray("tags").add(op.tag());
        o.put("summary", op.summary());
        o.put("description", op.access().description());
        o.put("x-tollgate-role", op.access().role());
        if (op.access() == Access.PUBLIC) {
            o.putArray("security");
        }
        ArrayNode parameters = o.putArray("parameters");
        for (String name : pathParameters(op.path())) {
            if (!PATH_PARAMETERS.containsKey(name)) {
                throw new IllegalStateException("Describe the path parameter {" + name + "} of " + op.path());
            }
            parameters.addObject().put("$ref", "#/components/parameters/" + name);
        }
        for (Operation.QueryParameter q : op.query()) {
            ObjectNode p = parameters.addObject().put("name", q.name()).put("in", "query").put("required", q.required())
                    .put("description", q.description());
            p.putObject("schema").put("type", "string");
            if (q.example() != null) {
                p.put("example", q.example());
            }
        }
        op.request().ifPresent(schema -> o.putObject("requestBody").put("required", false)
                .putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schema));
        ObjectNode responses = o.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "OK");
        ObjectNode content = ok.putObject("content");
        content.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + op.response());
        if (op.response().equals("Statement")) {
            content.putObject("text/csv").putObject("schema").put("type", "string")
                    .put("description", "service,method,calls,billableCalls,freeCalls,unitPricePer1000,amount, then a total line.");
        }
        if (op.access() != Access.PUBLIC) {
            ERRORS.forEach((code, error) -> {
                if (!code.equals("409") || op.creates()) {
                    responses.putObject(code).put("$ref", "#/components/responses/" + error.status());
                }
            });
            responses.putObject("default").put("$ref", "#/components/responses/Error");
        }
        return o;
    }

    static List<String> pathParameters(String path) {
        Matcher m = PATH_PARAMETER.matcher(path);
        var names = new java.util.ArrayList<String>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
