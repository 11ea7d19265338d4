package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API Discovery Service over HTTP: the directory, the documents at both addresses, and what is not there. */
class DiscoveryServiceTest extends EndToEnd {

    @Test
    void directoryListsTheCatalogsApisWithTheirPreferredVersions() {
        Http.Response r = http.get("/discovery/v1/apis");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode directory = r.json();
        assertThat(directory.get("kind").asText()).isEqualTo("discovery#directoryList");
        assertThat(directory.get("discoveryVersion").asText()).isEqualTo("v1");
        List<String> ids = new ArrayList<>();
        directory.get("items").forEach(item -> {
            ids.add(item.get("id").asText());
            assertThat(item.get("preferred").asBoolean()).isTrue();
            assertThat(item.get("discoveryRestUrl").asText()).isEqualTo(issuer() + "/discovery/v1/apis/"
                    + item.get("name").asText() + "/" + item.get("version").asText() + "/rest");
        });
        assertThat(ids).containsExactly("posts:v1", "calendar:v3");
        assertThat(http.get("/discovery/v1/apis?name=calendar").json().get("items")).hasSize(1);
        assertThat(http.get("/discovery/v1/apis?preferred=true").json().get("items")).hasSize(2);
        assertGoogleError(http.get("/discovery/v1/apis?preferred=maybe"), 400, "INVALID_ARGUMENT", "BAD_REQUEST");
    }

    @Test
    void documentIsServedAtBothAddressesWithoutCredentials() {
        Http.Response byDirectory = http.get("/discovery/v1/apis/posts/v1/rest");
        Http.Response byApi = http.get("/posts/v1/$discovery/rest");
        assertThat(byDirectory.status()).as(byDirectory.toString()).isEqualTo(200);
        assertThat(byApi.status()).as(byApi.toString()).isEqualTo(200);
        assertThat(byApi.json()).isEqualTo(byDirectory.json());
        JsonNode document = byDirectory.json();
        assertThat(document.get("kind").asText()).isEqualTo("discovery#restDescription");
        assertThat(document.get("rootUrl").asText()).isEqualTo(issuer() + "/");
        assertThat(document.get("servicePath").asText()).isEqualTo("posts/v1/");
        assertThat(document.get("baseUrl").asText()).isEqualTo(issuer() + "/posts/v1/");
        assertThat(document.at("/resources/people/resources/posts/methods/list/id").asText()).isEqualTo("posts.people.posts.list");
        assertThat(http.get("/calendar/v3/$discovery/rest").json().at("/resources/events/methods/delete/httpMethod").asText())
                .isEqualTo("DELETE");
    }

    @Test
    void percentEncodedDollarReachesTheSameDocumentOrNothing() {
        Http.Response encoded = http.get("/posts/v1/%24discovery/rest");
        // Either spelling is fine for a client; what matters is that it is never forwarded to the backend as a call.
        if (encoded.status() == 200) {
            assertThat(encoded.json().get("id").asText()).isEqualTo("posts:v1");
        } else {
            assertThat(encoded.status()).as(encoded.toString()).isEqualTo(404);
            assertThat(encoded.json().at("/error/code").asInt()).isEqualTo(404);
        }
    }

    @Test
    void unknownApiOrVersionIsAGoogleNotFound() {
        for (String path : List.of("/discovery/v1/apis/nope/v1/rest", "/discovery/v1/apis/posts/v2/rest",
                "/discovery/v1/apis/calendar/v1/rest", "/discovery/v1/apis/posts/v1/rest/", "/discovery/v1/apis/posts/v1",
                "/discovery/v1/apis/..%2Fadmin/v1/rest", "/discovery/v1/apis/posts%0Av1/v1/rest", "/posts/v2/$discovery/rest",
                "/discovery/v1/apis/" + "a".repeat(2000) + "/v1/rest", "/discovery/v2/apis", "/discovery/v1/apis/POSTS/v1/rest")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as(path + " -> " + r).isEqualTo(404);
            assertThat(r.json().at("/error/code").asInt()).as(path).isEqualTo(404);
            assertThat(r.json().at("/error/status").asText()).as(path).isEqualTo("NOT_FOUND");
            assertThat(r.body()).as(path).doesNotContain("a".repeat(100));
        }
    }

    @Test
    void otherVerbsAreNotServedAndNeverForwarded() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/discovery/v1/apis", "/discovery/v1/apis/posts/v1/rest", "/posts/v1/$discovery/rest")) {
                Http.Response r = http.send(http.request(path).method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"));
                assertThat(r.status()).as(method + " " + path + " -> " + r).isIn(404, 405);
                assertThat(r.json().at("/error/code").asInt()).as(method + " " + path).isIn(404, 405);
            }
        }
    }

    @Test
    void aCatalogApiCannotTakeTheDiscoveryServicesName(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                apis:
                  - name: discovery
                    version: v1
                    title: Not the directory
                    backend: http://127.0.0.1:9/
                    methods:
                      - id: discovery.apis.list
                        http: GET
                        path: /apis
                        access: simple
                """);
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", dir.resolve("data").toString(),
                "--config", catalog.toString()));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("reserved").doesNotContain("Tollgate ready");
    }

    private String issuer() {
        return http.get("/.well-known/openid-configuration").json().get("issuer").asText();
    }

}
