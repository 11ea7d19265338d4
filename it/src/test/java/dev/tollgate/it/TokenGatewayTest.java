package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authorized access with service-account tokens: scopes per method, expiry, the caller as {@code me}. */
class TokenGatewayTest extends EndToEnd {
    private String project;
    private KeyFiles.KeyFile robot;

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--access-token-lifetime", "3"};
    }

    @BeforeAll
    void projectWithCalendar() throws Exception {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        robot = createServiceAccount(adminToken, project, "scheduler");
    }

    private Http.Response insertEvent(String token, String summary) {
        return gateway.postJson("/calendar/v3/calendars/primary/events", token,
                Map.of("summary", summary, "start", "2026-12-01T10:00:00Z", "end", "2026-12-01T11:00:00+01:00"));
    }

    @Test
    void tokenWithScopeThenEventsOfThatCallerOnly() throws Exception {
        String token = robot.accessToken(http, "calendar");
        Http.Response created = insertEvent(token, "standup");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String eventId = created.json().get("id").asText();
        Http.Response list = gateway.getWithToken("/calendar/v3/calendars/primary/events", token);
        assertThat(list.json().get("items")).extracting(n -> n.get("summary").asText()).contains("standup");

        KeyFiles.KeyFile other = createServiceAccount(adminToken, project, "other-cal");
        String otherToken = other.accessToken(http, "calendar");
        assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", otherToken).json().get("items")).isEmpty();
        assertThat(gateway.delete("/calendar/v3/calendars/primary/events/" + eventId, otherToken).status()).isEqualTo(404);
        assertThat(gateway.delete("/calendar/v3/calendars/primary/events/" + eventId, token).status()).isEqualTo(204);
    }

    @Test
    void readonlyScopeReadsButCannotWrite() {
        String token = robot.accessToken(http, "calendar.readonly");
        assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", token).status()).isEqualTo(200);
        Http.Response write = insertEvent(token, "nope");
        assertGoogleError(write, 403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
        assertThat(write.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    }

    @Test
    void tokenForAnotherApiThenScopeInsufficient() {
        String token = robot.accessToken(http, "posts");
        assertGoogleError(gateway.getWithToken("/calendar/v3/calendars/primary/events", token), 403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    }

    @Test
    void adminScopeDoesNotOpenApis() {
        assertGoogleError(gateway.getWithToken("/calendar/v3/calendars/primary/events", adminKey.accessToken(http, "admin")),
                403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    }

    @Test
    void expiredTokenThenAccessTokenExpired() throws Exception {
        String token = robot.accessToken(http, "calendar");
        assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", token).status()).isEqualTo(200);
        Thread.sleep(3500);
        Http.Response r = gateway.getWithToken("/calendar/v3/calendars/primary/events", token);
        assertGoogleError(r, 401, "UNAUTHENTICATED", "ACCESS_TOKEN_EXPIRED");
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void forgedOrUnknownTokenThenAccessTokenInvalid() {
        assertGoogleError(gateway.getWithToken("/calendar/v3/calendars/primary/events", "ya29.a0AfH6SMBforged"), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
        String wellFormedButUnknown = robot.accessToken(http, "calendar").substring(0, 4) + "0".repeat(38);
        assertGoogleError(gateway.getWithToken("/calendar/v3/calendars/primary/events", wellFormedButUnknown), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
    }

    @Test
    void noTokenOnAuthorizedMethodThen401() {
        Http.Response r = gateway.get("/calendar/v3/calendars/primary/events");
        assertGoogleError(r, 401, "UNAUTHENTICATED", "CREDENTIALS_MISSING");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void nonBearerAuthorizationThen401() {
        Http.Response r = gateway.get("/calendar/v3/calendars/primary/events", "Authorization", "Basic dXNlcjpwYXNz");
        assertGoogleError(r, 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
    }

    @Test
    void badEventInputThen400FromTheBackend() {
        String token = robot.accessToken(http, "calendar");
        Http.Response r = gateway.postJson("/calendar/v3/calendars/primary/events", token, Map.of("summary", "x", "start", "tomorrow", "end", "later"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }
}
