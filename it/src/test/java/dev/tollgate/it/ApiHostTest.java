package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With --api-host the gateway answers only on that host name, and nothing but the gateway is served there. */
class ApiHostTest extends EndToEnd {
    private static final String API_HOST = "api.tollgate.test";
    private String key;

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--api-host", API_HOST};
    }

    @BeforeAll
    void projectWithKey() {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        key = createKey(adminToken, project, Map.of()).get("keyString").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {API_HOST, "API.Tollgate.Test", API_HOST + ":8080"})
    void gatewayAnswersOnTheApiHost(String host) throws IOException {
        // Without a key the gateway itself answers (403 CREDENTIALS_MISSING), so it ran on this host.
        assertThat(status("GET /posts/v1/posts/1", host)).isEqualTo(403);
        assertThat(status("GET /discovery/v1/apis", host)).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "api.tollgate.test.evil", "evil" + API_HOST})
    void gatewayIsNotServedOnOtherHostNames(String host) throws IOException {
        assertThat(status("GET /posts/v1/posts/1", host)).isEqualTo(404);
        assertThat(status("GET /posts/v1/posts/1?key=" + key, host)).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signin", "/signup", "/o/oauth2/v2/auth", "/admin/v1/projects", "/", "/token"})
    void peopleOAuthAndAdminPagesAreNotServedOnTheApiHost(String path) throws IOException {
        assertThat(status("GET " + path, API_HOST)).isEqualTo(404);
    }

    @Test
    void peoplePagesStillServedOnOtherHostNames() throws IOException {
        assertThat(status("GET /signin", "localhost")).isNotEqualTo(404);
    }

    private int status(String requestLine, String host) throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            return Integer.parseInt(new String(head, StandardCharsets.ISO_8859_1).substring(9, 12));
        }
    }
}
