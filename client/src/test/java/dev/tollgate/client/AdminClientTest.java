package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.admin.AdminClient;
import dev.tollgate.client.admin.BillingUpdate;
import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import dev.tollgate.protocol.admin.Member;
import dev.tollgate.protocol.admin.Project;
import dev.tollgate.protocol.admin.QuotaOverrides;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed admin client against a real local HTTP server answering as Tollgate's admin API does. */
class AdminClientTest {
    final LocalServer server = new LocalServer();

    @AfterEach
    void stop() {
        server.close();
    }

    AdminClient admin() {
        server.route("/token", r -> LocalServer.Reply.json(200, "{\"access_token\":\"admin-at\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        var credentials = UserCredentials.of("c", "s", "rt", server.uri("/token"), CredentialOptions.defaults());
        return AdminClient.of(TollgateClient.builder(server.uri("")).credentials(credentials).retryBudget(Duration.ZERO).build());
    }

    @Test
    void listedProjectsArriveAsRecordsAndTheCallCarriesTheToken() throws IOException {
        server.route("/admin/v1/projects", r -> LocalServer.Reply.json(200, """
                {"projects":[{"projectId":"shop","projectNumber":"123456789012","displayName":"Shop","createTime":"2026-11-30T10:00:00Z"}]}"""));

        List<Project> projects = admin().listProjects();

        assertThat(projects).containsExactly(new Project("shop", "123456789012", "Shop", "2026-11-30T10:00:00Z"));
        assertThat(server.requests("/admin/v1/projects").get(0).header("Authorization")).isEqualTo("Bearer admin-at");
    }

    @Test
    void aCreatedKeySendsItsRestrictionsAndComesBackWithItsKeyString() throws IOException {
        server.route("/admin/v1/projects/shop/keys", r -> LocalServer.Reply.json(200, """
                {"keyId":"k1","name":"projects/shop/keys/k1","displayName":"web","restrictions":{"apiTargets":[{"service":"posts","methods":[]}],\
                "allowedIps":[],"allowedReferrers":[],"androidApps":[],"iosBundleIds":[]},"createTime":"2026-11-30T10:00:00Z","keyString":"AIzaX"}"""));
        var restrictions = new KeyRestrictionsResource(List.of(new KeyRestrictionsResource.ApiTarget("posts", null)), null, null, null, null);

        var key = admin().createKey("shop", "web", restrictions);

        assertThat(key.keyString()).isEqualTo("AIzaX");
        assertThat(key.restrictions()).isEqualTo(restrictions);
        LocalServer.Request sent = server.requests("/admin/v1/projects/shop/keys").get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.body()).startsWith("{\"displayName\":\"web\",\"restrictions\":{\"apiTargets\":[{\"service\":\"posts\",\"methods\":[]}]");
    }

    @Test
    void aMemberIsOnePercentEncodedPathSegment() throws IOException {
        server.route("/admin/v1/projects/shop/members", r -> LocalServer.Reply.json(200, "{}"));

        admin().removeMember("shop", "user:ada@example.com");

        var sent = server.requests("/admin/v1/projects/shop/members/user:ada@example.com");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void removingTheBudgetSendsNullAndQuotaOverridesKeepANullLimit() throws IOException {
        server.route("/admin/v1/projects/shop/billing", r -> LocalServer.Reply.json(200, "{\"enabled\":true}"));
        server.route("/admin/v1/projects/shop/quotas", r -> LocalServer.Reply.json(200, "{\"limits\":[]}"));
        AdminClient admin = admin();

        var billing = admin.updateBilling("shop", BillingUpdate.none().enabled(true).clearMonthlyBudget());
        admin.setQuotas("shop", List.of(new QuotaOverrides.Override("posts", "requests-per-day-per-project", null)));

        assertThat(billing.monthlyBudget()).isNull();
        assertThat(server.requests("/admin/v1/projects/shop/billing").get(0).body()).isEqualTo("{\"enabled\":true,\"monthlyBudget\":null}");
        assertThat(server.requests("/admin/v1/projects/shop/quotas").get(0).body())
                .isEqualTo("{\"overrides\":[{\"service\":\"posts\",\"name\":\"requests-per-day-per-project\",\"limit\":null}]}");
    }

    @Test
    void theStatementAsCsvAsksForCsv() throws IOException {
        server.route("/admin/v1/projects/shop/billing/statements/2026-11", r -> new LocalServer.Reply(200,
                Map.of("Content-Type", "text/csv"), "text/csv".equals(r.header("Accept")) ? "service,method\r\n" : "{}"));

        assertThat(admin().getStatementCsv("shop", "2026-11")).isEqualTo("service,method\r\n");
    }

    @Test
    void aRefusalIsAnApiErrorWithTheServersStatusAndReason() {
        server.route("/admin/v1/projects/nope", r -> LocalServer.Reply.json(404, """
                {"error":{"code":404,"message":"Project nope was not found.","status":"NOT_FOUND",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NOT_FOUND","domain":"tollgate"}]}}"""));

        assertThatThrownBy(() -> admin().getProject("nope")).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.status()).isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void membersListReadsTheServersAnswer() throws IOException {
        server.route("/admin/v1/projects/shop/members", r -> LocalServer.Reply.json(200,
                "{\"members\":[{\"member\":\"user:ada@example.com\",\"role\":\"owner\"}]}"));

        assertThat(admin().listMembers("shop")).containsExactly(new Member("user:ada@example.com", "owner"));
    }
}
