package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenInfo;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery, revocation and tokeninfo against a real local server. */
class OAuthServiceTest {
    final LocalServer server = new LocalServer();
    OAuthService service;

    OAuthServiceTest() {
        String base = server.uri("").toString();
        server.route("/.well-known/openid-configuration", r -> LocalServer.Reply.json(200, "{\"issuer\":\"" + base + "\",\"token_endpoint\":\"" + base
                + "/token\",\"revocation_endpoint\":\"" + base + "/revoke\",\"jwks_uri\":\"" + base + "/certs\",\"unknown_member\":1}"));
        service = OAuthService.at(server.uri(""), HttpClient.newHttpClient());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void revokeSendsTheTokenAndTheClientToTheDiscoveredEndpoint() throws Exception {
        server.route("/revoke", r -> LocalServer.Reply.json(200, "{}"));
        service.revoke("rt-1", new ClientAuth.SecretPost("c", "s"));
        service.revoke("at-1");
        assertThat(server.requests("/revoke").get(0).form()).containsEntry("token", "rt-1").containsEntry("client_id", "c").containsEntry("client_secret", "s");
        assertThat(server.requests("/revoke").get(1).form()).containsOnlyKeys("token");
        assertThat(server.requests("/.well-known/openid-configuration")).hasSize(1);
    }

    @Test
    void tokenInfoReadsGooglesAnswerAndAnInvalidTokenIsAnError() throws Exception {
        server.route("/tokeninfo", r -> "good".equals(r.form().get("access_token"))
                ? LocalServer.Reply.json(200, "{\"azp\":\"c\",\"aud\":\"c\",\"sub\":\"u\",\"scope\":\"posts calendar\",\"exp\":\"1796122800\",\"expires_in\":\"3599\",\"access_type\":\"offline\"}")
                : LocalServer.Reply.json(400, "{\"error\":\"invalid_token\",\"error_description\":\"Invalid Value\"}"));
        TokenInfo info = service.tokenInfo("good");
        assertThat(info.scopes()).isEqualTo(Scopes.of("posts", "calendar"));
        assertThat(info.accessType()).isEqualTo("offline");
        assertThatThrownBy(() -> service.tokenInfo("bad")).isInstanceOfSatisfying(TokenRequestException.class,
                e -> assertThat(e.error()).isEqualTo("invalid_token"));
    }
}
