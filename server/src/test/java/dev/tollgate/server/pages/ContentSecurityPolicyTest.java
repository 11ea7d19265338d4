package dev.tollgate.server.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

    @Test
    void defaultAllowsOnlyThisOrigin() {
        assertThat(ContentSecurityPolicy.DEFAULT.headerValue())
                .isEqualTo("default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    }

    @Test
    void formActionCanBeOpenedToARedirectUrisOrigin() {
        var csp = ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create("https://App.Example.com:8443/oauth/cb?x=1"))
                .allowingFormActionTo(URI.create("http://127.0.0.1:5000/cb"));
        assertThat(csp.headerValue()).isEqualTo(
                "default-src 'self'; frame-ancestors 'none'; form-action 'self' http://127.0.0.1:5000 https://app.example.com:8443");
        assertThat(ContentSecurityPolicy.DEFAULT.headerValue()).doesNotContain("app.example.com");
    }

    @Test
    void customSchemeRedirectUrisAllowTheirScheme() {
        assertThat(ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create("com.example.app:/oauth2redirect")).headerValue())
                .endsWith("form-action 'self' com.example.app:");
    }

    @Test
    void nothingThatCouldAddADirectiveGetsIn() {
        assertThatThrownBy(() -> ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create("https://a_b;c.example/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create("https:/no-host")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
