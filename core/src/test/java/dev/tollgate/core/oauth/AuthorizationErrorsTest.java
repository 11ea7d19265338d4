package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.Pkce;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9700 §4.11.2: errors go back to the client's redirect URI only when a person took part, or
 * OpenID Connect's prompt=none asked for the answer; a malformed request is shown, never sent on.
 */
class AuthorizationErrorsTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private static final String VERIFIER = "w".repeat(43);

    private Map<String, List<String>> wellFormed() {
        var p = new LinkedHashMap<String, List<String>>();
        p.put("client_id", List.of(oauth.app.clientId()));
        p.put("redirect_uri", List.of(InMemoryOAuth.REDIRECT));
        p.put("response_type", List.of("code"));
        p.put("scope", List.of("calendar"));
        p.put("state", List.of("st"));
        p.put("code_challenge", List.of(Pkce.s256(VERIFIER)));
        p.put("code_challenge_method", List.of("S256"));
        return p;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown response_type", "response_type", List.of("token")),
                Arguments.of("hybrid response_type", "response_type", List.of("code id_token")),
                Arguments.of("missing response_type", "response_type", List.of()),
                Arguments.of("unknown scope", "scope", List.of("calendar nosuchscope")),
                Arguments.of("admin scope for an installed app", "scope", List.of("admin")),
                Arguments.of("missing scope", "scope", List.of()),
                Arguments.of("blank scope", "scope", List.of("   ")),
                Arguments.of("scope with a control character", "scope", List.of("calendar\u0000")),
                Arguments.of("oversized scope", "scope", List.of("calendar " + "x".repeat(300))),
                Arguments.of("missing PKCE", "code_challenge", List.of()),
                Arguments.of("plain PKCE", "code_challenge_method", List.of("plain")),
                Arguments.of("malformed challenge", "code_challenge", List.of("short")),
                Arguments.of("duplicate response_type", "response_type", List.of("code", "code")),
                Arguments.of("duplicate scope", "scope", List.of("calendar", "posts")),
                Arguments.of("duplicate state", "state", List.of("a", "b")),
                Arguments.of("duplicate code_challenge", "code_challenge", List.of(Pkce.s256(VERIFIER), Pkce.s256(VERIFIER))),
                Arguments.of("unknown access_type", "access_type", List.of("forever")),
                Arguments.of("unknown prompt", "prompt", List.of("maybe")),
                Arguments.of("prompt none with consent", "prompt", List.of("none consent")),
                Arguments.of("bad include_granted_scopes", "include_granted_scopes", List.of("yes")),
                Arguments.of("long state", "state", List.of("s".repeat(3000))),
                Arguments.of("long nonce", "nonce", List.of("n".repeat(600))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRequestsShowAnErrorPageWhoeverAsks(String what, String name, List<String> values) {
        var params = wellFormed();
        params.put(name, new ArrayList<>(values));
        for (Optional<Person> person : List.of(Optional.<Person>empty(), Optional.of(InMemoryOAuth.ALICE))) {
            for (Optional<Boolean> decision : List.of(Optional.<Boolean>empty(), Optional.of(true), Optional.of(false))) {
                var outcome = oauth.authorize(new FormBody(params), person, decision);
                assertThat(outcome).as(what + " " + person + " " + decision).isInstanceOf(AuthorizationService.Outcome.ShowError.class);
            }
        }
        assertThat(oauth.codeRows).isEmpty();
        assertThat(oauth.grantRows).isEmpty();
    }

    @Test
    void unknownClientAndUnregisteredRedirectShowAnErrorPage() {
        var unknown = wellFormed();
        unknown.put("client_id", List.of("nobody.apps.tollgate"));
        var elsewhere = wellFormed();
        elsewhere.put("redirect_uri", List.of("https://evil.example/cb"));
        var twice = wellFormed();
        twice.put("redirect_uri", List.of(InMemoryOAuth.REDIRECT, "https://evil.example/cb"));
        for (var params : List.of(unknown, elsewhere, twice)) {
            assertThat(oauth.authorize(new FormBody(params), Optional.of(InMemoryOAuth.ALICE), Optional.empty()))
                    .isInstanceOf(AuthorizationService.Outcome.ShowError.class);
        }
    }

    @Test
    void promptNoneKeepsOpenIdConnectsAnswersAtTheClient() {
        var params = wellFormed();
        params.put("prompt", List.of("none"));
        assertThat(redirectError(params, Optional.empty())).isEqualTo("login_required");
        assertThat(redirectError(params, Optional.of(InMemoryOAuth.ALICE))).isEqualTo("consent_required");
        params.put("login_hint", List.of("bob@example.com"));
        assertThat(redirectError(params, Optional.of(InMemoryOAuth.ALICE))).isEqualTo("account_selection_required");
    }

    @Test
    void aPersonWhoDeniesSendsAccessDeniedBackWithTheState() {
        var outcome = oauth.authorize(new FormBody(wellFormed()), Optional.of(InMemoryOAuth.ALICE), Optional.of(false));
        String location = ((AuthorizationService.Outcome.Redirect) outcome).location();
        assertThat(location).startsWith(InMemoryOAuth.REDIRECT + "?error=access_denied").contains("state=st").contains("iss=");
    }

    private String redirectError(Map<String, List<String>> params, Optional<Person> person) {
        var outcome = oauth.authorize(new FormBody(params), person, Optional.empty());
        assertThat(outcome).isInstanceOf(AuthorizationService.Outcome.Redirect.class);
        String location = ((AuthorizationService.Outcome.Redirect) outcome).location();
        assertThat(location).startsWith(InMemoryOAuth.REDIRECT + "?").contains("state=st");
        return location.replaceAll(".*[?&]error=([^&]+).*", "$1");
    }
}
