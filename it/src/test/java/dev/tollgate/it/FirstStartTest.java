package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class FirstStartTest extends EndToEnd {

    @Test
    void firstStartWritesAdministratorCredentialsReadableByOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.adminKeyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir().resolve("admin-password")))).isEqualTo("rw-------");
        assertThat(server.adminPassword()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(server.output()).contains("admin@localhost").contains(server.adminPassword());
        assertThat(adminKey.email()).isEqualTo("admin@tollgate.iam");
        assertThat(adminKey.json().get("type").asText()).isEqualTo("service_account");
        assertThat(adminKey.tokenUri()).isEqualTo("http://localhost:" + java.net.URI.create(server.baseUrl()).getPort() + "/token");
        assertThat(adminKey.json().get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void healthzAnswersOk() {
        assertThat(http.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void metricsAreInPrometheusFormat() {
        http.get("/posts/v1/posts/nothing");
        Http.Response r = http.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body()).contains("jvm_memory_used_bytes").contains("tollgate_gateway_calls_seconds_count");
    }

    @Test
    void adminServiceAccountIsPlatformAdministrator() {
        Http.Response r = http.getWithToken("/admin/v1/projects/tollgate", adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("projectId").asText()).isEqualTo("tollgate");
    }

    @Test
    void unknownPathAnswersGoogleErrorBody() {
        Http.Response r = http.get("/no/such/thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").path("status").asText()).isEqualTo("NOT_FOUND");
    }
}
