package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.client.TokenRequestException;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access tokens that live two seconds: a call made after the token expired still succeeds, whether the
 * client saw the expiry coming or only learns of it from the gateway's 401 {@code invalid_token}.
 */
class ClientShortTokensTest extends EndToEnd {
    Path robotKeyFile;

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--access-token-lifetime", "2"};
    }

    @BeforeAll
    void robotWithPosts() throws IOException {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        robotKeyFile = Files.createTempDirectory("client-short-").resolve("robot.json");
        Files.writeString(robotKeyFile, createServiceAccount(adminToken, project, "short-lived").json().toString());
    }

    /** Waits until the server itself refuses the token: the one thing this test cannot make happen sooner. */
    void awaitExpiredOnTheServer(String token) throws Exception {
        OAuthService oauth = OAuthService.at(URI.create(server.baseUrl()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                oauth.tokenInfo(token);
            } catch (TokenRequestException e) {
                assertThat(e.error()).isEqualTo("invalid_token");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the token did not expire");
    }

    TollgateClient client(OAuth2Credentials credentials) {
        return TollgateClient.builder(URI.create(server.baseUrl())).credentials(credentials).retryBudget(Duration.ZERO).build();
    }

    @Test
    void expiredTokenIsReplacedBeforeTheNextCall() throws Exception {
        var credentials = ServiceAccountCredentials.fromFile(robotKeyFile, Scopes.of("posts"), CredentialOptions.defaults());
        TollgateClient client = client(credentials);
        assertThat(client.get("/posts/v1/people/me/posts").status()).isEqualTo(200);
        String first = credentials.currentToken().orElseThrow().value();
        awaitExpiredOnTheServer(first);

        assertThat(client.get("/posts/v1/people/me/posts").status()).isEqualTo(200);
        assertThat(credentials.currentToken().orElseThrow().value()).isNotEqualTo(first);
    }

    @Test
    void tokenTheClientStillThinksFreshIsReplacedWhenTheGatewaySaysItExpired() throws Exception {
        // A stopped clock: the client never sees its token age and learns of the expiry only from the 401.
        var options = CredentialOptions.defaults().withClock(Clock.fixed(Instant.now(), ZoneOffset.UTC));
        var credentials = ServiceAccountCredentials.fromFile(robotKeyFile, Scopes.of("posts"), options);
        TollgateClient client = client(credentials);
        assertThat(client.get("/posts/v1/people/me/posts").status()).isEqualTo(200);
        String first = credentials.currentToken().orElseThrow().value();
        awaitExpiredOnTheServer(first);
        assertThat(credentials.state()).isEqualTo(OAuth2Credentials.State.FRESH);

        assertThat(client.get("/posts/v1/people/me/posts").status()).isEqualTo(200);
        assertThat(credentials.currentToken().orElseThrow().value()).isNotEqualTo(first);
    }
}
