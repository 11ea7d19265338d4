package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Pkce;
import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin scope goes to web clients and to the built-in CLI client only, never to another installed or device client. */
class AdminScopeTest {
    private static final String LOOPBACK = "http://127.0.0.1:43123/";
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final OAuthClient cli = new OAuthClient(AdminScope.CLI_CLIENT_ID, "tollgate", ClientType.INSTALLED, "Tollgate CLI",
            List.of(), List.of(), Instant.EPOCH);

    AdminScopeTest() {
        oauth.clientRepository.insert(cli);
    }

    private AuthorizationService.Outcome askForAdmin(String clientId, String redirectUri) {
        var p = new LinkedHashMap<String, List<String>>();
        p.put("client_id", List.of(clientId));
        p.put("redirect_uri", List.of(redirectUri));
        p.put("response_type", List.of("code"));
        p.put("scope", List.of("admin"));
        p.put("code_challenge", List.of(Pkce.s256("v".repeat(43))));
        p.put("code_challenge_method", List.of("S256"));
        return oauth.authorize(new FormBody(p), Optional.of(InMemoryOAuth.ALICE), Optional.of(true));
    }

    @Test
    void theCliClientGetsAnAdminCodeThroughLoopbackPkce() {
        assertThat(askForAdmin(AdminScope.CLI_CLIENT_ID, LOOPBACK)).isInstanceOfSatisfying(AuthorizationService.Outcome.Redirect.class,
                r -> assertThat(r.location()).startsWith(LOOPBACK + "?code="));
    }

    @Test
    void anotherInstalledClientIsRefusedTheAdminScope() {
        assertThat(askForAdmin(oauth.app.clientId(), InMemoryOAuth.REDIRECT)).isInstanceOfSatisfying(AuthorizationService.Outcome.ShowError.class,
                e -> assertThat(e.message()).contains("admin").contains("invalid_scope"));
    }

    @Test
    void theCliClientMayNotTakeTheAdminScopeWithoutPkceOrToAnAddressOffTheMachine() {
        assertThat(AdminScope.mayAuthorize(cli, LOOPBACK, null)).isFalse();
        assertThat(AdminScope.mayAuthorize(cli, "https://attacker.example/cb", Pkce.s256("v".repeat(43)))).isFalse();
        assertThat(AdminScope.mayAuthorize(cli, LOOPBACK, Pkce.s256("v".repeat(43)))).isTrue();
    }

    @Test
    void onlyTheCliClientMayStartADeviceFlowForTheAdminScope() throws OAuthException {
        var started = oauth.deviceFlow.start(new dev.tollgate.protocol.ClientAuth.None(AdminScope.CLI_CLIENT_ID), Scopes.parse("admin"));
        assertThat(started.userCode()).isNotBlank();
        assertThatThrownBy(() -> oauth.deviceFlow.start(oauth.appAuth(), Scopes.parse("admin")))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.description()).contains("admin"));
    }

    @Test
    void aClientNamedLikeTheCliButOfAnotherTypeIsRefused() {
        var web = new OAuthClient(AdminScope.CLI_CLIENT_ID, "x", ClientType.WEB, "w", List.of(), List.of(), Instant.EPOCH);
        assertThat(AdminScope.mayStartDevice(web)).isFalse();
    }
}
