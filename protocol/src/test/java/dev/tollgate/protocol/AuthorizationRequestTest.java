package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestTest {
    private static final String CHALLENGE = Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

    private static FormBody params(Map<String, String> overrides) {
        var map = new HashMap<String, List<String>>();
        map.put("client_id", List.of("c"));
        map.put("redirect_uri", List.of("https://app/cb"));
        map.put("response_type", List.of("code"));
        map.put("scope", List.of("openid calendar"));
        map.put("code_challenge", List.of(CHALLENGE));
        map.put("code_challenge_method", List.of("S256"));
        overrides.forEach((k, v) -> {
            if (v == null) {
                map.remove(k);
            } else {
                map.put(k, List.of(v));
            }
        });
        return new FormBody(map);
    }

    private static AuthorizationRequest parse(Map<String, String> overrides, boolean pkceRequired) throws OAuthException {
        FormBody p = params(overrides);
        return AuthorizationRequest.parse(p, AuthorizationRequest.identify(p), pkceRequired);
    }

    @Test
    void fullRequestParses() throws OAuthException {
        AuthorizationRequest r = parse(Map.of("access_type", "offline", "prompt", "consent select_account", "state", "s",
                "include_granted_scopes", "true", "login_hint", "a@b.c", "nonce", "n"), true);
        assertThat(r.scopes()).isEqualTo(Scopes.of("openid", "calendar"));
        assertThat(r.accessType()).isEqualTo(AuthorizationRequest.AccessType.OFFLINE);
        assertThat(r.prompt()).containsExactlyInAnyOrder(AuthorizationRequest.Prompt.CONSENT, AuthorizationRequest.Prompt.SELECT_ACCOUNT);
        assertThat(r.includeGrantedScopes()).isTrue();
        assertThat(r.state()).contains("s");
        assertThat(r.codeChallenge()).isEqualTo(CHALLENGE);
    }

    @Test
    void plainPkceIsRefused() {
        assertThatThrownBy(() -> parse(Map.of("code_challenge_method", "plain"), false))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
        assertThatThrownBy(() -> parse(Map.of("code_challenge", "short", "code_challenge_method", "S256"), false))
                .isInstanceOf(OAuthException.class);
    }

    @Test
    void missingPkceIsRefusedWhereRequired() throws OAuthException {
        var noPkce = new HashMap<String, String>();
        noPkce.put("code_challenge", null);
        noPkce.put("code_challenge_method", null);
        assertThatThrownBy(() -> parse(noPkce, true)).isInstanceOf(OAuthException.class);
        assertThat(parse(noPkce, false).codeChallenge()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "code token", "id_token", ""})
    void onlyTheCodeResponseType(String responseType) {
        assertThatThrownBy(() -> parse(Map.of("response_type", responseType), false)).isInstanceOf(OAuthException.class);
    }

    @Test
    void promptNoneCannotCombine() {
        assertThatThrownBy(() -> parse(Map.of("prompt", "none consent"), false))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void pkceVerifierMatchesOnlyItsChallenge() {
        assertThat(Pkce.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
        assertThat(Pkce.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isFalse();
        assertThat(Pkce.matches("short", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isFalse();
    }
}
