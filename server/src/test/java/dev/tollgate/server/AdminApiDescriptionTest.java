package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.admin.openapi.AdminApiDescription;
import dev.tollgate.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's description stays true to the server: every route registered under /admin/v1 is
 * described with its method and path template, nothing else is, and the document holds together.
 */
class AdminApiDescriptionTest {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    @TempDir
    Path data;

    private final JsonNode doc = read();

    private static JsonNode read() {
        try {
            return Json.MAPPER.readTree(AdminApiDescription.bytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyAdminRouteTheServerRegistersIsDescribedAndEveryDescribedRouteExists() {
        Set<String> registered = new TreeSet<>();
        try (Tollgate node = Tollgate.start(ServerConfig.defaults(data).withPort(0), new PrintStream(new ByteArrayOutputStream()))) {
            // Before and after handlers (audit, no-store) are not routes a client calls.
            node.routes().stream().filter(r -> HTTP_METHODS.contains(r.substring(0, r.indexOf(' '))))
                    .filter(r -> r.substring(r.indexOf(' ') + 1).startsWith("/admin/v1/")).forEach(registered::add);
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));

        assertThat(registered).as("the server's admin routes").contains("GET /admin/v1/openapi.json", "POST /admin/v1/projects");
        assertThat(difference(registered, documented)).as("routes the description leaves out").isEmpty();
        assertThat(difference(documented, registered)).as("described routes the server does not have").isEmpty();
        assertThat(AdminApiDescription.operations()).isEqualTo(documented);
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void everyOperationNamesItsPathParametersItsRoleItsAnswerAndGoogleErrors() {
        Set<String> operationIds = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String where = entry.getKey() + " " + path.getKey();
            JsonNode op = entry.getValue();
            assertThat(operationIds.add(op.get("operationId").asText())).as("unique operationId of " + where).isTrue();
            assertThat(op.get("summary").asText()).as(where).isNotBlank();
            assertThat(op.get("x-tollgate-role").asText()).as(where).isIn("none", "any", "viewer", "editor", "owner", "platformAdmin");

            Set<String> declared = new HashSet<>();
            op.get("parameters").forEach(p -> {
                JsonNode parameter = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                if (parameter.get("in").asText().equals("path")) {
                    declared.add(parameter.get("name").asText());
                }
            });
            Set<String> inTemplate = new HashSet<>();
            Matcher m = PATH_PARAMETER.matcher(path.getKey());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as("path parameters of " + where).isEqualTo(inTemplate);

            JsonNode responses = op.get("responses");
            assertThat(responses.at("/200/content/application~1json/schema/$ref").asText()).as(where).startsWith("#/components/schemas/");
            if (op.get("x-tollgate-role").asText().equals("none")) {
                assertThat(op.get("security")).as(where).isEmpty();
            } else {
                for (String code : new String[] {"400", "401", "403", "404"}) {
                    assertThat(responses.has(code)).as(code + " of " + where).isTrue();
                }
            }
        }));
        assertThat(doc.at("/components/responses/Unauthenticated/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ApiErrorBody");
        assertThat(doc.at("/components/schemas/ApiErrorBody/properties/error/$ref").asText()).isEqualTo("#/components/schemas/ApiErrorBody.Status");
        assertThat(doc.at("/components/schemas/ApiErrorBody.Status/required").toString())
                .contains("\"code\"", "\"message\"", "\"status\"", "\"errors\"", "\"details\"");
        assertThat(doc.at("/paths/~1admin~1v1~1projects/post/responses/409/$ref").asText()).isEqualTo("#/components/responses/AlreadyExists");
        assertThat(doc.at("/paths/~1admin~1v1~1projects~1{p}/delete/x-tollgate-role").asText()).isEqualTo("owner");
    }

    @Test
    void theReferenceInDocsNamesEveryDescribedRoute() throws java.io.IOException {
        // Maven runs the tests in the module's folder; docs/ is beside it.
        String reference = java.nio.file.Files.readString(Path.of("..", "docs", "ADMIN-API.md"));
        for (String operation : AdminApiDescription.operations()) {
            String inTable = "`" + operation.replace("/admin/v1", "") + "`";
            assertThat(reference).as("docs/ADMIN-API.md names " + operation).contains(inTable);
        }
        assertThat(reference).contains("/admin/v1/openapi.json");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
