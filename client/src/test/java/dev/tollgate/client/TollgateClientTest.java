package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real local HTTP server standing in for the gateway and the token endpoint. */
class TollgateClientTest {
    static final String QUOTA_ERROR = """
            {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
             "errors":[{"message":"Quota exceeded","domain":"global","reason":"rateLimitExceeded"}],
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com",
               "metadata":{"service":"posts","consumer":"projects/p1","quota_metric":"posts/requests","quota_limit":"RequestsPerMinutePerProject","quota_limit_value":"2"}}]}}""";

    final LocalServer server = new LocalServer();
    final AtomicInteger minted = new AtomicInteger();

    @AfterEach
    void stop() {
        server.close();
    }

    UserCredentials user() {
        server.route("/token", r -> LocalServer.Reply.json(200,
                "{\"access_token\":\"at-" + minted.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        return UserCredentials.of("c", "s", "rt", server.uri("/token"), CredentialOptions.defaults());
    }

    TollgateClient client(Credentials credentials) {
        return TollgateClient.builder(server.uri("")).credentials(credentials).retryBudget(Duration.ofSeconds(3)).build();
    }

    @Test
    void apiKeyGoesInTheGoogleHeaderAndTheAllowanceComesBack() throws IOException {
        server.route("/posts/v1/posts", r -> new LocalServer.Reply(200, Map.of("Content-Type", "application/json",
                "X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "99", "X-RateLimit-Reset", "42"), "{\"items\":[]}"));

        ApiResponse response = client(ApiKey.of("tgk_abc")).get("/posts/v1/posts");

        assertThat(server.requests("/posts/v1/posts").get(0).header("X-Goog-Api-Key")).isEqualTo("tgk_abc");
        assertThat(server.requests("/posts/v1/posts").get(0).query()).isNull();
        assertThat(response.rateLimit()).contains(new RateLimit(100, 99, 42));
        assertThat(response.json().get("items").isArray()).isTrue();
    }

    @Test
    void tokenGoesAsBearerAndAJsonBodyIsSent() throws IOException {
        server.route("/posts/v1/people/me/posts", r -> LocalServer.Reply.json(200, r.body()));
        ApiResponse response = client(user()).post("/posts/v1/people/me/posts", Map.of("content", "hi"));

        LocalServer.Request sent = server.requests("/posts/v1/people/me/posts").get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer at-1");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("content").asText()).isEqualTo("hi");
        assertThat(response.rateLimit()).isEmpty();
    }

    @Test
    void invalidTokenIsRefreshedOnceAndTheCallRetried() throws IOException {
        server.route("/api", r -> "Bearer at-1".equals(r.header("Authorization"))
                ? new LocalServer.Reply(401, Map.of("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"invalid_token\""), "{}")
                : LocalServer.Reply.json(200, "{}"));

        assertThat(client(user()).get("/api").status()).isEqualTo(200);

        assertThat(server.requests("/token")).hasSize(2);
        assertThat(server.requests("/api")).extracting(r -> r.header("Authorization")).containsExactly("Bearer at-1", "Bearer at-2");
    }

    @Test
    void invalidTokenTwiceIsAnErrorAfterOneRetry() {
        server.route("/api", r -> new LocalServer.Reply(401, Map.of("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"invalid_token\""),
                "{\"error\":{\"code\":401,\"message\":\"Invalid token\",\"status\":\"UNAUTHENTICATED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"ACCESS_TOKEN_EXPIRED\",\"domain\":\"googleapis.com\",\"metadata\":{}}]}}"));

        assertThatThrownBy(() -> client(user()).get("/api")).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.reason()).isEqualTo("ACCESS_TOKEN_EXPIRED");
        });
        assertThat(server.requests("/api")).hasSize(2);
    }

    @Test
    void unauthorizedWithoutInvalidTokenIsNotRetried() {
        server.route("/api", r -> new LocalServer.Reply(401, Map.of("WWW-Authenticate", "Bearer realm=\"tollgate\""), "{}"));
        assertThatThrownBy(() -> client(user()).get("/api")).isInstanceOf(ApiErrorException.class);
        assertThat(server.requests("/api")).hasSize(1);
    }

    @Test
    void retryAfterIsHonouredWithinTheBudget() throws IOException {
        var calls = new AtomicInteger();
        server.route("/api", r -> calls.incrementAndGet() == 1
                ? new LocalServer.Reply(429, Map.of("Retry-After", "1", "Content-Type", "application/json"), QUOTA_ERROR)
                : LocalServer.Reply.json(200, "{}"));
        long start = System.nanoTime();

        assertThat(client(ApiKey.of("k")).get("/api").status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(server.requests("/api")).hasSize(2);
    }

    @Test
    void retryAfterBeyondTheBudgetIsAnErrorWithTheQuotaDetails() {
        server.route("/api", r -> new LocalServer.Reply(429, Map.of("Retry-After", "60", "Content-Type", "application/json",
                "X-RateLimit-Limit", "2", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "60"), QUOTA_ERROR));

        assertThatThrownBy(() -> client(ApiKey.of("k")).get("/api")).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(e.reason()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(e.domain()).isEqualTo("googleapis.com");
            assertThat(e.metadata()).containsEntry("consumer", "projects/p1");
            assertThat(e.quota()).contains(new QuotaDetails("posts/requests", "RequestsPerMinutePerProject", OptionalLong.of(2)));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
            assertThat(e.rateLimit()).contains(new RateLimit(2, 0, 60));
        });
        assertThat(server.requests("/api")).hasSize(1);
    }

    @Test
    void errorBodyNotInGooglesShapeStillGivesStatusAndText() {
        server.route("/api", r -> new LocalServer.Reply(502, Map.of("Content-Type", "text/plain"), "Bad Gateway from a proxy"));
        assertThatThrownBy(() -> client(ApiKey.of("k")).get("/api")).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.reason()).isNull();
            assertThat(e.getMessage()).contains("Bad Gateway from a proxy");
        });
    }

    @Test
    void scopesOfTheTokenAnswerAreKept() throws IOException {
        server.route("/token", r -> LocalServer.Reply.json(200,
                "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":60,\"scope\":\"posts calendar\"}"));
        var credentials = UserCredentials.of("c", null, "rt", server.uri("/token"), CredentialOptions.defaults());
        assertThat(credentials.accessToken().scopes()).isEqualTo(Scopes.of("posts", "calendar"));
        assertThat(server.requests("/token").get(0).form()).containsEntry("client_id", "c").doesNotContainKey("client_secret");
    }
}
