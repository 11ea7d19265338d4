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
    void installedClientRegisteredRedirectsMatchExactly() {
        assertThat(RedirectUris.matches(NATIVE, "http://127.0.0.1/callback")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app:/oauth")).isTrue();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app:/oauth2")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app:/oauth/")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "com.example.app://oauth")).isFalse();
        assertThat(RedirectUris.matches(NATIVE, "COM.example.app:/oauth")).isFalse();
    }

    private static final OAuthClient UNREGISTERED = new OAuthClient("u", "p", ClientType.INSTALLED, "u", List.of(), List.of(), Instant.EPOCH);
    private static final OAuthClient HTTPS_LOOPBACK = new OAuthClient("h", "p", ClientType.INSTALLED, "h",
            List.of("https://localhost:8443/cb"), List.of(), Instant.EPOCH);

    /** RFC 8252 §7.3 and Google's desktop clients: any loopback http redirect, any port, any path, without registering it. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost/", "http://localhost:8080/", "http://localhost:53682/Callback",
            "http://127.0.0.1", "http://127.0.0.1:1/", "http://127.0.0.1:65535/cb", "http://127.0.0.1:40000/a/b/c?x=1",
            "http://[::1]", "http://[::1]:9000/", "http://[::1]:9000/oauth2callback", "http://127.0.0.1:53682/callback2",
            "http://localhost:3000/path%20with%20space"})
    void installedClientAcceptsAnyLoopbackRedirect(String requested) {
        assertThat(RedirectUris.matches(UNREGISTERED, requested)).isTrue();
        assertThat(RedirectUris.matches(NATIVE, requested)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost/", "https://127.0.0.1:8443/cb", "https://[::1]/cb", "HTTP://localhost/", "Http://127.0.0.1/",
            "http://LOCALHOST/", "http://LocalHost:8080/", "http://localhost./", "http://127.0.0.1./", "http://localhost.evil.com/",
            "http://127.0.0.1.evil.com/", "http://127.0.0.1.nip.io/", "http://evil.com/localhost", "http://localhost@evil.com/",
            "http://localhost:80@evil.com/", "http://127.0.0.1@evil.com", "http://user@localhost/", "http://:pw@127.0.0.1/",
            "http://evil.com@localhost/", "http://127.1/", "http://127.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/",
            "http://2130706433/", "http://0177.0.0.1/", "http://017700000001/", "http://127.000.000.001/", "http://127.0.0.2/",
            "http://0.0.0.0/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::1%25eth0]/", "http://[::01]/",
            "http://%6cocalhost/", "http://localhost%2eevil.com/", "http://127.0.0.%31/", "http://%5B::1%5D/", "http://localhost#frag",
            "http://localhost/#", "http://localhost/cb#x", "http://localhost:0/", "http://localhost:65536/", "http://localhost:00080/",
            "http://localhost:/", "http://localhost:99999999999/", "http://localhost:-1/", "http://localhost:8080:9090/",
            "http://localhost\\@evil.com/", "http://localhost/../x", "http://localhost/a/%2e%2e/x", "http://localhost/cb%0d%0aX:y",
            "http://localhost/\"", "http://localhost/<x>", "http:localhost/", "http:/localhost/", "http:///localhost/", "//localhost/",
            "localhost:8080", "ws://localhost/", "file://localhost/etc/passwd", "javascript://localhost/%0aalert(1)",
            "http://local host/", " http://localhost/", "http://localhost/ ", "http://localhost/\u0000", "http://localhost/caf\u00e9",
            "http://ⓛocalhost/", "http://xn--localhost-/", ""})
    void installedClientRefusesEveryOtherSpelling(String requested) {
        assertThat(RedirectUris.matches(UNREGISTERED, requested)).isFalse();
        assertThat(RedirectUris.matches(NATIVE, requested)).isFalse();
    }

    @Test
    void httpsLoopbackOnlyWhenRegisteredAndThenExactly() {
        assertThat(RedirectUris.matches(HTTPS_LOOPBACK, "https://localhost:8443/cb")).isTrue();
        assertThat(RedirectUris.matches(HTTPS_LOOPBACK, "https://localhost:8444/cb")).isFalse();
        assertThat(RedirectUris.matches(HTTPS_LOOPBACK, "https://localhost:8443/cb2")).isFalse();
        assertThat(RedirectUris.matches(HTTPS_LOOPBACK, "http://localhost:8443/cb")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/", "http://127.0.0.1:8080/cb", "http://[::1]/"})
    void webClientsGetNoLoopbackLeeway(String requested) {
        assertThat(RedirectUris.matches(WEB, requested)).isFalse();
        assertThat(RedirectUris.matches(new OAuthClient("w2", "p", ClientType.WEB, "w", List.of(), List.of(), Instant.EPOCH), requested)).isFalse();
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

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/c b", "https://app.example.com/cb\u0007", "https://app.example.com/cb\r\nSet-Cookie:x",
            "https://app.example.com/\"cb\"", "https://app.example.com/'cb'", "https://app.example.com/cb;x", "https://app.example.com/a,b",
            "https://app.example.com/caf\u00e9", "https://\u00e4pp.example.com/cb", "https://app.example.com\\@evil.example/cb",
            "https://app.example.com/cb\\..\\x", "https://app.example.com/cb#", "https://app.example.com/cb#frag",
            "https://user@app.example.com/cb", "https://:pw@app.example.com/cb", "https://app_example.com/cb", "https://-app.example.com/cb",
            "https://app.example.com:0/cb", "https://app.example.com:65536/cb", "https://app.example.com:/cb", "https://app.example.com:99999999999/cb",
            "https://[::1/cb", "https://[zz::1]/cb", "https://[]/cb", "https://app.example.com/../cb", "https://app.example.com/./cb",
            "https://app.example.com/a/%2e%2e/cb", "https://app.example.com/a/%2E./cb", "https://app.example.com/%zz", "https://app.example.com/%",
            "https://app.example.com/%00", "https://app.example.com/?x=%0d%0a", "https://ex%61mple.com/cb", "https://app.example.com/<cb>",
            "https://app.example.com/`cb`", "https://app.example.com/{cb}", "https://app.example.com/a|b", "https://app.example.com/a^b",
            "javascript:alert(1)", "JavaScript://app.example.com/%0aalert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd",
            "ftp://app.example.com/cb", "ws://app.example.com/cb", "https:app.example.com/cb", "https:///cb", "https://", "//app.example.com/cb"})
    void webRegistrationRefusesWhatPagesAndParsersCannotTake(String uri) {
        assertThatThrownBy(() -> RedirectUris.validateForRegistration(ClientType.WEB, uri))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @Test
    void veryLongRedirectUrisAreRefused() {
        String uri = "https://app.example.com/" + "a".repeat(3000);
        assertThatThrownBy(() -> RedirectUris.validateForRegistration(ClientType.WEB, uri)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.app:/../x", "com.example.app://bad_host/cb", "com.example.app://host:0/cb", "com.example.app:/a;b",
            "com.example.app:/a b", "com.example.app:/%0a", "javascript.evil:/x'y", "data:,x", "javascript:alert(1)", "myapp://cb",
            "http://127.0.0.1:99999/cb", "http://[::1/cb", "http://127.0.0.1/../cb"})
    void installedRegistrationRefusesWhatPagesAndParsersCannotTake(String uri) {
        assertThatThrownBy(() -> RedirectUris.validateForRegistration(ClientType.INSTALLED, uri)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/cb", "https://app.example.com/cb?x=1&y=%20", "https://APP.example.com:8443/a/b-c_d~e",
            "http://localhost:8080/cb", "https://[::1]:8443/cb", "https://192.0.2.1/cb", "https://app.example.com/caf%C3%A9",
            "https://app.example.com/a/..b/c.", "https://app.example.com"})
    void webRegistrationAcceptsOrdinaryUris(String uri) {
        assertThat(RedirectUris.validateForRegistration(ClientType.WEB, uri)).isEqualTo(uri);
        assertThat(RedirectUris.isUsable(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com;x", "https://app.example.com,https://evil.example", "https://app.example.com/'",
            "https://app_x.example.com", "https://app.example.com:0", "https://app.example.com:70000", "https://[::1", "https://\u00e4.example.com",
            "https://app.example.com/..", "https://user@app.example.com", "javascript:alert(1)"})
    void javascriptOriginsThatPagesCannotTakeAreRefused(String origin) {
        assertThatThrownBy(() -> RedirectUris.validateOrigin(origin))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }
}
