package dev.tollgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebOriginTest {

    private static WebOrigin origin(String text) {
        return WebOrigin.parse(text).orElseThrow(() -> new AssertionError(text + " should be an origin"));
    }

    @Test
    void schemeHostAndPortAreAnOrigin() {
        assertThat(origin("https://app.example")).isEqualTo(new WebOrigin("https", "app.example", 443));
        assertThat(origin("http://localhost:8080")).isEqualTo(new WebOrigin("http", "localhost", 8080));
        assertThat(origin("http://127.0.0.1:5173").serialized()).isEqualTo("http://127.0.0.1:5173");
        assertThat(origin("http://[::1]:3000").serialized()).isEqualTo("http://[::1]:3000");
    }

    @Test
    void caseAndDefaultPortsDoNotMakeAnotherOrigin() {
        assertThat(origin("HTTPS://App.Example")).isEqualTo(origin("https://app.example"));
        assertThat(origin("https://app.example:443")).isEqualTo(origin("https://app.example"));
        assertThat(origin("http://app.example:80").serialized()).isEqualTo("http://app.example");
        assertThat(origin("http://[::ABCD]").serialized()).isEqualTo("http://[::abcd]");
    }

    @Test
    void anotherSchemePortOrHostIsAnotherOrigin() {
        WebOrigin app = origin("https://app.example");
        assertThat(origin("http://app.example")).isNotEqualTo(app);
        assertThat(origin("https://app.example:8443")).isNotEqualTo(app);
        assertThat(origin("https://app.example.evil.com")).isNotEqualTo(app);
        assertThat(origin("https://evilapp.example")).isNotEqualTo(app);
        assertThat(origin("https://www.app.example")).isNotEqualTo(app);
        assertThat(origin("http://localhost:8080")).isNotEqualTo(origin("http://127.0.0.1:8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null", "", " https://app.example", "https://app.example ", "https://app.example/", "https://app.example/path",
        "https://app.example?x", "https://app.example#x", "https://user@app.example", "https://app.example@evil.com",
        "https://evil.com#@app.example", "https://evil.com\\@app.example", "https://app.example%2f.evil.com",
        "https://app.example.", "https://.app.example", "https://app..example", "https://app_x.example", "https://-app.example",
        "https://app.example:", "https://app.example:0", "https://app.example:65536", "https://app.example:+80",
        "https://app.example:80:80", "https://app.example:8o", "ftp://app.example", "file://", "javascript://app.example",
        "app.example", "//app.example", "https:app.example", "https://", "http://[::1", "http://[::1]x", "http://[zz::1]",
        "https://äpp.example", "https://app.example\t", "http://[]"})
    void anythingElseIsNoOrigin(String text) {
        assertThat(WebOrigin.parse(text)).as(text).isEqualTo(Optional.empty());
    }

    @Test
    void noHeaderIsNoOrigin() {
        assertThat(WebOrigin.parse(null)).isEmpty();
    }
}
