package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's own Discovery-based client libraries, unchanged, build clients from Tollgate's Discovery
 * documents and call the sample APIs with an API key and with credentials: Python's
 * google-api-python-client (Debian's python3-googleapi) and Node's googleapis.
 */
class GoogleClientLibrariesTest extends EndToEnd {
    private String project;
    private String key;
    private KeyFiles.KeyFile robot;

    @BeforeAll
    void projectWithKeyAndServiceAccount() throws Exception {
        project = createProject(adminToken);
        enable(adminToken, project, "posts");
        enable(adminToken, project, "calendar");
        key = createKey(adminToken, project, Map.of("displayName", "client libraries")).get("keyString").asText();
        robot = createServiceAccount(adminToken, project, "library-robot");
    }

    @Test
    void pythonClientBuiltFromTheDocumentCallsThePostsWithKeyAndCredentials() throws Exception {
        String python = ClientPrograms.requirePython();
        Map<String, Object> settings = settings("hello from python");
        settings.put("keyFile", robot.json());
        JsonNode out = ClientPrograms.run(List.of(python, "discovery_client.py"), ClientPrograms.PYTHON_DIR, settings);

        JsonNode created = out.get("created");
        assertThat(created.get("author").asText()).isEqualTo(robot.email());
        assertThat(created.get("content").asText()).isEqualTo("hello from python");
        assertThat(created.get("visibility").asText()).isEqualTo("public");
        assertThat(texts(out.get("robotScopes"))).as("the library asked for the scopes the document lists")
                .containsExactly("posts", "posts.readonly");
        assertThat(ids(out.at("/listedWithKey/items"))).contains(created.get("id").asText());
        assertThat(out.at("/gotWithKey/content").asText()).isEqualTo("hello from python");
        assertThat(out.at("/privateCreated/visibility").asText()).isEqualTo("private");
        assertThat(ids(out.at("/listedWithToken/items"))).contains(created.get("id").asText(), out.at("/privateCreated/id").asText());
        assertThat(ids(out.at("/listedWithKey/items"))).as("a key sees public posts only").doesNotContain(out.at("/privateCreated/id").asText());

        assertThat(out.at("/calendar/inserted/summary").asText()).isEqualTo("standup");
        assertThat(ids(out.at("/calendar/listed/items"))).contains(out.at("/calendar/inserted/id").asText());
        assertThat(out.at("/calendar/deleted").isEmpty()).as("204 without a body").isTrue();

        assertLibraryError(out.at("/errors/missingPost"), "HttpError", 404, "NOT_FOUND");
        assertLibraryError(out.at("/errors/insertWithKey"), "HttpError", 401, "UNAUTHENTICATED");
        assertLibraryError(out.at("/errors/emptyContent"), "HttpError", 400, "INVALID_ARGUMENT");
        assertLibraryError(out.at("/errors/badKey"), "HttpError", 400, "INVALID_ARGUMENT");
    }

    @Test
    void nodeClientDiscoveredFromTheDocumentCallsThePostsWithKeyAndOAuth2Client() throws Exception {
        ClientPrograms.requireNode();
        Map<String, Object> settings = settings("hello from node");
        settings.put("calendarAccessToken", robot.accessToken(http, "calendar"));
        JsonNode out = ClientPrograms.run(List.of("node", "discovery_client.js"), ClientPrograms.NODE_DIR, settings);

        JsonNode created = out.get("created");
        assertThat(created.get("author").asText()).isEqualTo(robot.email());
        assertThat(created.get("content").asText()).isEqualTo("hello from node");
        assertThat(ids(out.at("/listedWithKey/items"))).contains(created.get("id").asText());
        assertThat(out.at("/gotWithKey/id").asText()).isEqualTo(created.get("id").asText());
        assertThat(ids(out.at("/listedWithToken/items"))).contains(created.get("id").asText());

        assertThat(out.at("/calendar/inserted/summary").asText()).isEqualTo("standup");
        assertThat(ids(out.at("/calendar/listed/items"))).contains(out.at("/calendar/inserted/id").asText());
        assertThat(out.at("/calendar/deletedStatus").asInt()).isEqualTo(204);

        assertLibraryError(out.at("/errors/missingPost"), "GaxiosError", 404, "NOT_FOUND");
        assertLibraryError(out.at("/errors/insertWithKey"), "GaxiosError", 401, "UNAUTHENTICATED");
        assertLibraryError(out.at("/errors/emptyContent"), "GaxiosError", 400, "INVALID_ARGUMENT");
        assertLibraryError(out.at("/errors/badKey"), "GaxiosError", 400, "INVALID_ARGUMENT");
        assertLibraryError(out.at("/errors/unknownDocument"), "GaxiosError", 404, "NOT_FOUND");
    }

    private Map<String, Object> settings(String content) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseUrl", server.baseUrl());
        settings.put("key", key);
        settings.put("robotEmail", robot.email());
        settings.put("accessToken", robot.accessToken(http, "posts"));
        settings.put("content", content);
        return settings;
    }

    private static void assertLibraryError(JsonNode error, String type, int status, String googleStatus) {
        assertThat(error.isObject()).as("the call failed with the library's error").isTrue();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.at("/body/error/code").asInt()).isEqualTo(status);
        assertThat(error.at("/body/error/status").asText()).isEqualTo(googleStatus);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
