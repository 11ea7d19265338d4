package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.Retryable;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google's own Java auth library (google-auth-library-oauth2-http), unchanged, against Tollgate:
 * service-account key files and authorized-user credentials get their tokens from Tollgate's
 * {@code /token}, and those tokens open the gateway. Every assertion message carries the HTTP
 * exchange the library made, read from its transport's own log.
 */
class InteropGoogleAuthLibraryTest extends EndToEnd {
    private static final String REDIRECT = "https://app.example.com/callback";
    private static final String NATIVE_REDIRECT = "http://127.0.0.1/callback";
    private static final String PASSWORD = "correct horse battery";
    private static final String EVENTS = "/calendar/v3/calendars/primary/events";

    private String project;
    private OAuthClients.Registered web;
    private OAuthClients.Registered installed;
    private URI tokenUri;
    private InteropWireLog wire;

    @BeforeAll
    void projectWithCalendarAndClients() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken,
                Map.of("applicationName", "Calendar Pal", "supportEmail", "help@example.com"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        installed = OAuthClients.register(http, adminToken, project, "installed", List.of(NATIVE_REDIRECT));
        tokenUri = URI.create(adminKey.tokenUri());
    }

    @BeforeEach
    void listenToTheWire() {
        wire = InteropWireLog.start();
    }

    @AfterEach
    void stopListening() {
        wire.close();
    }

    // ---------------------------------------------------------------- service accounts

    @Test
    void serviceAccountKeyFileFromTollgateLoadsAndGetsItsTokenFromTollgateWithoutConfiguration() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "gal-" + shortId());

        GoogleCredentials loaded = GoogleCredentials.fromStream(stream(keyFile.json().toString()));
        assertThat(loaded).isInstanceOf(ServiceAccountCredentials.class);
        ServiceAccountCredentials sa = (ServiceAccountCredentials) loaded;
        assertThat(sa.getClientEmail()).isEqualTo(keyFile.email());
        assertThat(sa.getPrivateKeyId()).isEqualTo(keyFile.keyId());
        assertThat(sa.getProjectId()).isEqualTo(project);
        assertThat(sa.getTokenServerUri()).as("token_uri of the key file is the token server").isEqualTo(tokenUri);

        GoogleCredentials scoped = sa.createScoped(List.of("calendar"));
        Instant before = Instant.now();
        AccessToken token = refresh(scoped);
        assertThat(token.getTokenValue()).as(wire.toString()).startsWith("tga_");
        assertThat(token.getExpirationTime().toInstant()).as(wire.toString())
                .isBetween(before.plus(Duration.ofMinutes(58)), Instant.now().plus(Duration.ofSeconds(3600)));
        assertThat(wire.text()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");

        Http.Response events = http.getWithToken(EVENTS, token.getTokenValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
    }

    @Test
    void serviceAccountAsksForAnIdTokenWithATargetAudienceAndGetsOneSignedByTollgate() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "gal-" + shortId());
        var sa = (ServiceAccountCredentials) GoogleCredentials.fromStream(stream(keyFile.json().toString()));

        com.google.auth.oauth2.IdToken idToken = sa.idTokenWithAudience("https://api.example", List.of());

        var verified = dev.tollgate.client.IdTokenVerifier.builder(URI.create(server.baseUrl() + "/oauth2/v3/certs"),
                tokenUri.toString().replace("/token", "")).audiences("https://api.example").build().verify(idToken.getTokenValue());
        assertThat(verified.email()).as(wire.toString()).contains(keyFile.email());
        assertThat(verified.subject()).isEqualTo(sa.getClientId());
    }

    @Test
    void serviceAccountRequestMetadataCarriesATollgateTokenThatGoogleHttpClientSendsToTheGateway() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "gal-" + shortId());
        GoogleCredentials credentials = ServiceAccountCredentials.fromStream(stream(keyFile.json().toString())).toBuilder()
                .setTokenServerUri(tokenUri).setScopes(List.of("calendar")).build();

        URI events = URI.create(server.baseUrl() + EVENTS);
        Map<String, List<String>> metadata = requestMetadata(credentials, events);
        assertThat(metadata.get("Authorization")).as(wire.toString()).hasSize(1);
        String bearer = metadata.get("Authorization").get(0);
        assertThat(bearer).startsWith("Bearer tga_");

        // The way generated Google API clients call: google-http-client with the credentials as initializer.
        HttpResponse response = new NetHttpTransport().createRequestFactory(new HttpCredentialsAdapter(credentials))
                .buildGetRequest(new GenericUrl(events)).execute();
        try {
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(Http.JSON.readTree(response.parseAsString()).has("items")).isTrue();
        } finally {
            response.disconnect();
        }
        assertThat(credentials.getRequestMetadata(events).get("Authorization")).as("cached until it expires").containsExactly(bearer);
    }

    @Test
    void serviceAccountAskingForAnUnknownScopeGetsTheLibrarysExceptionWithInvalidScope() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "gal-" + shortId());
        GoogleCredentials credentials = ServiceAccountCredentials.fromStream(stream(keyFile.json().toString()))
                .createScoped(List.of("https://www.googleapis.com/auth/nosuchscope"));

        IOException e = catchThrowableOfType(IOException.class, credentials::refreshAccessToken);
        assertThat(e).as(wire.toString()).isNotNull();
        assertTokenEndpointError(e, 400, "invalid_scope");
    }

    @Test
    void serviceAccountWhoseKeyWasDeletedGetsTheLibrarysExceptionWithInvalidGrant() throws Exception {
        String accountId = "gal-" + shortId();
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, accountId);
        AccessToken whileValid = refresh(ServiceAccountCredentials.fromStream(stream(keyFile.json().toString()))
                .createScoped(List.of("calendar")));
        assertThat(whileValid.getTokenValue()).as(wire.toString()).startsWith("tga_");
        Http.Response deleted = http.delete("/admin/v1/projects/" + project + "/serviceAccounts/" + keyFile.email()
                + "/keys/" + keyFile.keyId(), adminToken);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        GoogleCredentials credentials = ServiceAccountCredentials.fromStream(stream(keyFile.json().toString()))
                .createScoped(List.of("calendar"));

        IOException e = catchThrowableOfType(IOException.class, credentials::refreshAccessToken);
        assertThat(e).as(wire.toString()).isNotNull();
        assertTokenEndpointError(e, 400, "invalid_grant");
    }

    // ---------------------------------------------------------------- people (authorized user)

    @Test
    void userCredentialsRefreshThePersonsAccessTokenAtTollgateAndItOpensTheGateway() throws Exception {
        Person person = offlineGrant(web, REDIRECT);
        UserCredentials credentials = UserCredentials.newBuilder()
                .setClientId(web.clientId()).setClientSecret(web.secret()).setRefreshToken(person.refreshToken())
                .setTokenServerUri(tokenUri).build();

        AccessToken first = refresh(credentials);
        assertThat(first.getTokenValue()).as(wire.toString()).startsWith("tga_");
        assertThat(first.getScopes()).containsExactly("calendar");
        assertThat(wire.text()).contains("grant_type=refresh_token");
        Http.Response events = http.getWithToken(EVENTS, first.getTokenValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);

        // Again, as a long-running program does every hour: the same refresh token keeps working.
        AccessToken second = refresh(credentials);
        assertThat(second.getTokenValue()).as(wire.toString()).startsWith("tga_").isNotEqualTo(first.getTokenValue());
        assertThat(http.getWithToken(EVENTS, second.getTokenValue()).status()).isEqualTo(200);

        Map<String, List<String>> metadata = requestMetadata(credentials, URI.create(server.baseUrl() + EVENTS));
        assertThat(metadata.get("Authorization")).singleElement().asString().startsWith("Bearer tga_");
    }

    @Test
    void authorizedUserFileInGooglesFormatLoadsAndRefreshesAtTollgate() throws Exception {
        Person person = offlineGrant(web, REDIRECT);
        // Exactly the fields of the contract's "Authorized user" format, as gcloud writes them.
        var json = new LinkedHashMap<String, Object>();
        json.put("type", "authorized_user");
        json.put("client_id", web.clientId());
        json.put("client_secret", web.secret());
        json.put("refresh_token", person.refreshToken());

        GoogleCredentials loaded = GoogleCredentials.fromStream(stream(Http.write(json)));
        assertThat(loaded).isInstanceOf(UserCredentials.class);
        UserCredentials credentials = ((UserCredentials) loaded).toBuilder().setTokenServerUri(tokenUri).build();
        assertThat(credentials.getClientId()).isEqualTo(web.clientId());
        assertThat(credentials.getRefreshToken()).isEqualTo(person.refreshToken());

        AccessToken token = refresh(credentials);
        assertThat(token.getTokenValue()).as(wire.toString()).startsWith("tga_");
        Http.Response events = http.getWithToken(EVENTS, token.getTokenValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        JsonNode info = http.get("/tokeninfo?access_token=" + token.getTokenValue()).json();
        assertThat(info.get("aud").asText()).as(info.toString()).isEqualTo(web.clientId());
        assertThat(info.get("scope").asText()).isEqualTo("calendar");
        assertThat(info.get("access_type").asText()).isEqualTo("offline");
    }

    @Test
    void authorizedUserFileWithTokenUriNeedsNoConfiguration() throws Exception {
        Person person = offlineGrant(web, REDIRECT);
        var json = new LinkedHashMap<String, Object>();
        json.put("type", "authorized_user");
        json.put("client_id", web.clientId());
        json.put("client_secret", web.secret());
        json.put("refresh_token", person.refreshToken());
        json.put("token_uri", tokenUri.toString());

        UserCredentials credentials = UserCredentials.fromStream(stream(Http.write(json)));
        assertThat(credentials.toBuilder().getTokenServerUri()).isEqualTo(tokenUri);
        AccessToken token = refresh(credentials);
        assertThat(http.getWithToken(EVENTS, token.getTokenValue()).status()).as(wire.toString()).isEqualTo(200);
    }

    @Test
    void afterThePersonsGrantIsRevokedRefreshingFailsWithTheLibrarysExceptionCarryingInvalidGrant() throws Exception {
        Person person = offlineGrant(web, REDIRECT);
        UserCredentials credentials = UserCredentials.newBuilder()
                .setClientId(web.clientId()).setClientSecret(web.secret()).setRefreshToken(person.refreshToken())
                .setTokenServerUri(tokenUri).build();
        String before = refresh(credentials).getTokenValue();
        assertThat(http.getWithToken(EVENTS, before).status()).as(wire.toString()).isEqualTo(200);

        Http.Response revoked = http.postForm("/revoke", Map.of("token", person.refreshToken()));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        IOException e = catchThrowableOfType(IOException.class, credentials::refreshAccessToken);
        assertThat(e).as(wire.toString()).isNotNull();
        assertTokenEndpointError(e, 400, "invalid_grant");
        assertThat(http.getWithToken(EVENTS, before).status()).isEqualTo(401);
    }

    /**
     * An installed application's authorized-user file (what gcloud-style tools keep on disk) is read
     * again by every run, and UserCredentials never replaces its refresh token with one the server
     * returns. Each refresh must therefore keep working with the refresh token in the file.
     */
    @Test
    void installedApplicationsRefreshTokenRotatesSoAFileThatKeepsTheOldOneIsRefusedOnItsSecondRun() throws Exception {
        // Installed applications' refresh tokens rotate on every use (RFC 9700 §4.14.2); Google's
        // UserCredentials does not read the new one from the response, so the stored file goes stale
        // after one refresh and its next use looks like a stolen token. Web clients do not rotate.
        Person person = offlineGrant(installed, NATIVE_REDIRECT);
        var json = new LinkedHashMap<String, Object>();
        json.put("type", "authorized_user");
        json.put("client_id", installed.clientId());
        json.put("client_secret", installed.secret());
        json.put("refresh_token", person.refreshToken());
        json.put("token_uri", tokenUri.toString());
        String file = Http.write(json);

        AccessToken first = refresh(UserCredentials.fromStream(stream(file)), "first run");
        assertThat(http.getWithToken(EVENTS, first.getTokenValue()).status()).as(wire.toString()).isEqualTo(200);
        assertThatThrownBy(() -> UserCredentials.fromStream(stream(file)).refreshAccessToken())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("invalid_grant");
        assertThat(http.getWithToken(EVENTS, first.getTokenValue()).status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    private record Person(String email, String refreshToken) {}

    /** A new person who grants the client offline access to their calendar, through the browser pages. */
    private Person offlineGrant(OAuthClients.Registered client, String redirectUri) {
        String email = "gal-" + shortId() + "@example.com";
        Http.Response created = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        Browser browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        Http.Response r = browser.get(OAuthClients.authUrl(client, redirectUri, "calendar", "s", verifier, Map.of("access_type", "offline")));
        if (r.status() == 302 && r.header("Location").startsWith("/signin")) {
            r = browser.signIn(r, email, PASSWORD);
        }
        r = browser.follow(r);
        if (r.status() == 200) {
            r = browser.submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        String code = OAuthClients.query(r.header("Location")).get("code");
        Http.Response tokens = OAuthClients.redeem(http, client, code, redirectUri, verifier, false);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        JsonNode refresh = tokens.json().get("refresh_token");
        assertThat(refresh).as(tokens.toString()).isNotNull();
        return new Person(email, refresh.asText());
    }

    /** The library's token-endpoint failure: an IOException, not retryable, caused by the server's RFC 6749 error. */
    private void assertTokenEndpointError(IOException e, int status, String error) throws IOException {
        assertThat(e).as(wire.toString()).isInstanceOf(Retryable.class);
        assertThat(((Retryable) e).isRetryable()).as("a %s is final", error).isFalse();
        assertThat(e.getMessage()).as(wire.toString()).contains(error);
        assertThat(e.getCause()).isInstanceOf(HttpResponseException.class);
        HttpResponseException http = (HttpResponseException) e.getCause();
        assertThat(http.getStatusCode()).as(wire.toString()).isEqualTo(status);
        assertThat(Http.JSON.readTree(http.getContent()).get("error").asText()).isEqualTo(error);
    }

    /** The library's refresh, expected to work; when it does not, the failure shows the exchange. */
    private AccessToken refresh(GoogleCredentials credentials) {
        return refresh(credentials, "refresh");
    }

    private AccessToken refresh(GoogleCredentials credentials, String what) {
        try {
            return credentials.refreshAccessToken();
        } catch (IOException e) {
            throw new AssertionError(what + ": google-auth-library could not get a token from Tollgate: " + e.getMessage() + "\n" + wire, e);
        }
    }

    private Map<String, List<String>> requestMetadata(GoogleCredentials credentials, URI uri) {
        try {
            return credentials.getRequestMetadata(uri);
        } catch (IOException e) {
            throw new AssertionError("google-auth-library could not get request metadata: " + e.getMessage() + "\n" + wire, e);
        }
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
