package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.store.jdbc.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the end-to-end suites: one real server process per test class, on H2 or PostgreSQL,
 * with helpers that do what a user of the admin API does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndToEnd {
    protected TollgateProcess server;
    protected Http http;
    /** Gateway calls: on the event-loop listener when a suite starts the server with {@code --api-port}, else {@link #http}'s port. */
    protected Http gateway;
    protected KeyFiles.KeyFile adminKey;
    protected String adminToken;

    /** Which database this suite runs on; PostgreSQL subclasses override. */
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.H2;
    }

    protected String[] extraServeArgs() throws IOException {
        return new String[0];
    }

    /** {@code args} and {@code --api-port 0}: the suite's gateway calls go to the event-loop listener ({@link #gateway}). */
    protected static String[] onEventLoop(String... args) {
        String[] with = java.util.Arrays.copyOf(args, args.length + 2);
        with[args.length] = "--api-port";
        with[args.length + 1] = "0";
        return with;
    }

    /** The umask the server runs under; empty for the test process's own. */
    protected java.util.Optional<String> umask() {
        return java.util.Optional.empty();
    }

    @BeforeAll
    void startServer() throws IOException {
        if (database() == TestDatabases.Kind.POSTGRES) {
            assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable; set CI=true to make this a failure");
        }
        Path data = Files.createTempDirectory("tollgate-it-");
        server = umask().isPresent() ? TollgateProcess.startUnderUmask(umask().get(), database(), data, extraServeArgs())
                : TollgateProcess.start(database(), data, extraServeArgs());
        http = new Http(server.baseUrl());
        gateway = new Http(server.gatewayUrl());
        adminKey = KeyFiles.read(server.adminKeyFile());
        adminToken = adminKey.accessToken(http, "admin");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    protected static String uniqueProjectId() {
        return "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected String createProject(String token) {
        String id = uniqueProjectId();
        Http.Response r = http.postJson("/admin/v1/projects", token, Map.of("projectId", id, "displayName", "Test " + id));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    protected void enable(String token, String projectId, String service) {
        Http.Response r = http.postJson("/admin/v1/projects/" + projectId + "/services/" + service + "/enable", token, "");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Creates, as the administrator, a person whose address is verified; returns the address. */
    protected String createVerifiedPerson(String prefix, String password) {
        String email = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", password, "emailVerified", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return email;
    }

    /** Creates a key; returns the create call's answer (with keyString). */
    protected JsonNode createKey(String token, String projectId, Object body) {
        Http.Response r = http.postJson("/admin/v1/projects/" + projectId + "/keys", token, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Creates a service account with a generated key in the project; returns its key file. */
    protected KeyFiles.KeyFile createServiceAccount(String token, String projectId, String accountId) throws IOException {
        Http.Response sa = http.postJson("/admin/v1/projects/" + projectId + "/serviceAccounts", token, Map.of("accountId", accountId));
        assertThat(sa.status()).as(sa.toString()).isEqualTo(200);
        String email = sa.json().get("email").asText();
        Http.Response key = http.postJson("/admin/v1/projects/" + projectId + "/serviceAccounts/" + email + "/keys", token, "");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        return KeyFiles.fromPrivateKeyData(key.json().get("privateKeyData").asText());
    }
}
