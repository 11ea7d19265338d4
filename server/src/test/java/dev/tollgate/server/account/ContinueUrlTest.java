package dev.tollgate.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContinueUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/account", "/account?password=changed",
            "/o/oauth2/v2/auth?client_id=1.apps&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid%20email&state=a%2Fb",
            "/%2F%2Fevil.com", "/a//b", "/device?user_code=ABCD-EFGH"})
    void sameOriginPathsAreFollowed(String url) {
        assertThat(ContinueUrl.orDefault(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "///evil.com", "https://evil.com", "http://evil.com/account", "/\\evil.com", "\\/evil.com",
            "\\\\evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\nSet-Cookie: x=y", " /account", "/account ", "javascript:alert(1)",
            "http:evil.com", "evil.com", "account", "%2F%2Fevil.com", "/acc\u00f6unt", "/account#fragment", "/a\\b", "/\u0000",
            "data:text/html,<script>alert(1)</script>", "//evil.com@tollgate.example", "", "//[::2666666666.1.1.1]/", "x://[::2666666666.1.1.1]/"})
    void anythingElseBecomesTheAccountPage(String url) {
        assertThat(ContinueUrl.orDefault(url)).isEqualTo("/account");
    }

    @Test
    void nullAndOverlongAreTheAccountPage() {
        assertThat(ContinueUrl.orDefault(null)).isEqualTo("/account");
        assertThat(ContinueUrl.orDefault("/" + "a".repeat(4095))).hasSize(4096);
        assertThat(ContinueUrl.orDefault("/" + "a".repeat(4096))).isEqualTo("/account");
    }
}
