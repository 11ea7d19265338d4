package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /admin/v1/openapi.json against the real server: a public, cacheable OpenAPI 3.1 document, and
 * every GET it describes answers the platform administrator 200 (so neither 404 nor 405) with a body of
 * the described shape.
 */
class AdminApiDescriptionEndToEndTest extends EndToEnd {
    private static final String PATH = "/admin/v1/openapi.json";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    /** A value for each path parameter, naming resources that exist. */
    private final Map<String, String> resources = new HashMap<>();
    private JsonNode doc;

    @BeforeAll
    void resourcesForEveryPathParameter() throws IOException {
        String project = createProject(adminToken);
        resources.put("p", project);
        resources.put("k", createKey(adminToken, project, Map.of("displayName", "described")).get("keyId").asText());
        Http.Response account = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "described"));
        resources.put("sa", account.json().get("email").asText());
        Http.Response key = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + resources.get("sa") + "/keys", adminToken, "");
        resources.put("key", key.json().get("keyId").asText());
        resources.put("c", OAuthClients.register(http, adminToken, project, "web", List.of("https://app.example.com/cb")).clientId());
        resources.put("month", YearMonth.now(ZoneOffset.UTC).toString());
        doc = http.get(PATH).json();
    }

    @Test
    void theDescriptionIsPublicCacheableOpenApi31() {
        Http.Response r = http.get(PATH);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Cache-Control")).contains("public").doesNotContain("no-store");
        assertThat(r.headers().firstValue("Pragma")).isEmpty();
        String etag = r.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(http.get(PATH, "If-None-Match", etag).status()).isEqualTo(304);

        assertThat(doc.get("openapi").asText()).matches("3\\.1\\.[0-9]+");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
        assertThat(doc.at("/info/version").asText()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/adminAccessToken/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/schemas").size()).isGreaterThan(10);
        assertThat(doc.get("paths").size()).isGreaterThan(10);
        doc.get("paths").fields().forEachRemaining(path -> {
            assertThat(path.getKey()).startsWith("/admin/v1/");
            path.getValue().fields().forEachRemaining(op -> {
                assertThat(op.getKey()).isIn("get", "put", "post", "delete", "options", "head", "patch", "trace");
                assertThat(op.getValue().get("responses").size()).as(op.getKey() + " " + path.getKey()).isPositive();
            });
        });
        List<String> refs = new ArrayList<>();
        refs(doc, refs);
        refs.forEach(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void everyDescribedGetAnswersWithTheDescribedShape() {
        List<String> problems = new ArrayList<>();
        int called = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            JsonNode get = path.getValue().get("get");
            if (get == null) {
                continue;
            }
            String url = url(path.getKey(), get);
            Http.Response r = http.getWithToken(url, adminToken);
            called++;
            if (r.status() == 404 || r.status() == 405) {
                problems.add("GET " + url + " → " + r);
            } else if (r.status() == 200) {
                JsonNode schema = get.at("/responses/200/content/application~1json/schema");
                new Shape(doc, problems, "GET " + url).check(r.json(), schema, "$");
            } else {
                // The platform administrator may read everything, and every parameter names something that exists.
                problems.add("GET " + url + " → " + r);
            }
        }
        assertThat(called).isGreaterThanOrEqualTo(20);
        assertThat(problems).isEmpty();
    }

    /** The path with its parameters filled in, and each required query parameter set to its example. */
    private String url(String template, JsonNode op) {
        Matcher m = PATH_PARAMETER.matcher(template);
        var sb = new StringBuilder();
        while (m.find()) {
            String value = resources.get(m.group(1));
            assertThat(value).as("a resource for {" + m.group(1) + "} of " + template).isNotNull();
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        String separator = "?";
        for (JsonNode p : op.path("parameters")) {
            if (p.path("in").asText().equals("query") && p.path("required").asBoolean()) {
                sb.append(separator).append(p.get("name").asText()).append('=')
                        .append(URLEncoder.encode(p.get("example").asText(), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        return sb.toString();
    }

    private static void refs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    refs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, out));
        }
    }

    /** Checks a JSON value against the part of JSON Schema the description uses: $ref, type, required, properties, items, enum. */
    private record Shape(JsonNode doc, List<String> problems, String call) {
        void check(JsonNode value, JsonNode schema, String where) {
            if (schema.has("$ref")) {
                check(value, doc.at(schema.get("$ref").asText().substring(1)), where);
                return;
            }
            JsonNode type = schema.get("type");
            if (type != null) {
                boolean any = false;
                for (JsonNode t : type.isArray() ? type : List.of(type)) {
                    any |= hasType(value, t.asText());
                }
                if (!any) {
                    problems.add(call + ": " + where + " is " + value.getNodeType() + ", described as " + type);
                    return;
                }
            }
            if (schema.has("enum") && value.isTextual()) {
                boolean listed = false;
                for (JsonNode e : schema.get("enum")) {
                    listed |= e.asText().equals(value.asText());
                }
                if (!listed) {
                    problems.add(call + ": " + where + " = " + value + " is not one of " + schema.get("enum"));
                }
            }
            if (value.isObject()) {
                for (JsonNode name : schema.path("required")) {
                    if (!value.has(name.asText())) {
                        problems.add(call + ": " + where + " lacks the required " + name.asText());
                    }
                }
                schema.path("properties").fields().forEachRemaining(p -> {
                    if (value.has(p.getKey())) {
                        check(value.get(p.getKey()), p.getValue(), where + "." + p.getKey());
                    }
                });
            }
            if (value.isArray() && schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), where + "[" + i + "]");
                }
            }
        }

        private static boolean hasType(JsonNode value, String type) {
            return switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "null" -> value.isNull();
                default -> false;
            };
        }
    }
}
