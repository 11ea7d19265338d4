package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedirectUrisTest {
    private static final OAuthClient WEB = new OAuthClient("c", "p", ClientType.WEB, "w",
            List.of("https://app.example.com/callback", "http://localhost:8080/cb"), List.of(), Instant.EPOCH);
    private static final OAuthClient NATIVE = new OAuthClient("n", "p", ClientType.INSTALLED, "n",
            List.of("http://127.0.0.1/callback", "http://[::1]/cb", "com.example.app:/oauth"), List.of(), Instant.EPOCH);

    @Test
    void webClientMatchesOnlyTheExactString() {
        assertThat(RedirectUris.matches(WEB, "https://app.example.com/callback")).isTrue();
        assertThat(RedirectUris.matches(WEB, "http://localhost:8080/cb")).isTrue();
        assertThat(RedirectUris.matches(WEB, "http://localhost:8081/cb")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback/", "https://APP.example.com/callback", "https://app.example.com/Callback",
            "https://app.example.com/callback?x=1", "https://app.example.com/callback#f", "https://app.example.com:443/callback",
            "https://user@app.example.com/callback", "https://app.example.com/callback/../x", "https://app.example.com/%63allback",
            "https://app.example.com.evil.com/callback", "http://app.example.com/callback", "//app.example.com/callback",
            "https://app.example.com/callback\u0000", " https://app.example.com/callback", ""})
    void webClientRefusesLookAlikes(String requested) {
        assertThat(RedirectUris.matches(WEB, requested)).isFalse();
    }

    @Test
    void installedClientLoopbackMatchesOnAnyPortOnly() {
        assertThat(RedirectUris.matches(NATIVE, "http://127.0.0.1:53682/callback")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "http://127.0.0.1/callback")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "http://[::1]:9000/cb")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app:/oauth")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "http://127.0.0.1:53682/callback2")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "http://127.0.0.2:53682/callback")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "http://localhost:53682/callback")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "https://127.0.0.1:53682/callback")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "http://u@127.0.0.1:53682/callback")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app:/oauth2")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/cb", "https://app.example.com/cb#frag", "https://*.example.com/cb", "/relative",
            "https://user:pw@app.example.com/cb", "javascript:alert(1)", "not a uri", "ftp://example.com/x"})
    void webRegistrationRefusesUnsafeUris(String uri) {
        assertThatThrownBy(() -> RedirectUris.validateForRegistration(ClientType.WEB, uri))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "myapp:/cb", "http://example.com/cb", "javascript:alert(1)"})
    void installedRegistrationRefusesNonLoopbackWebAndSchemesWithoutADot(String uri) {
        assertThatThrownBy(() -> RedirectUris.validateForRegistration(ClientType.INSTALLED, uri)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/cb", "http://localhost:3000/cb", "http://[::1]/cb", "com.example.app:/oauth2redirect"})
    void installedRegistrationAcceptsLoopbackAndPrivateUseSchemes(String uri) {
        assertThat(RedirectUris.validateForRegistration(ClientType.INSTALLED, uri)).isEqualTo(uri);
    }
}
