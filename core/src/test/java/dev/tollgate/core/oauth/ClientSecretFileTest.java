package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.principal.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSecretFileTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final Principal owner = new Principal.Person("owner", "owner@example.com");

    @Test
    void installedClientWithoutRedirectsGetsGooglesLoopbackRedirect() {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.INSTALLED, "Desktop", null, null);
        assertThat(created.file().web()).isNull();
        var details = created.file().installed();
        assertThat(details.redirectUris()).containsExactly("http://localhost");
        assertThat(details.authUri()).isEqualTo("https://tollgate.example/o/oauth2/v2/auth");
        assertThat(details.tokenUri()).isEqualTo("https://tollgate.example/token");
        assertThat(details.certsUri()).isEqualTo("https://tollgate.example/oauth2/v1/certs");
        assertThat(details.clientSecret()).isEqualTo(created.secret());
    }

    @Test
    void installedClientKeepsItsRegisteredRedirectsAfterTheLoopbackOne() {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.INSTALLED, "Mobile",
                List.of("com.example.app:/oauth2redirect", "http://localhost", "http://127.0.0.1:8080/cb"), null);
        assertThat(created.file().installed().redirectUris())
                .containsExactly("http://localhost", "com.example.app:/oauth2redirect", "http://127.0.0.1:8080/cb");
        assertThat(created.client().redirectUris()).containsExactly("com.example.app:/oauth2redirect", "http://localhost", "http://127.0.0.1:8080/cb");
    }

    @Test
    void webClientFileCarriesExactlyTheRegisteredRedirects() {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.WEB, "Site", List.of("https://site.example/cb"), null);
        assertThat(created.file().installed()).isNull();
        assertThat(created.file().web().redirectUris()).containsExactly("https://site.example/cb");
    }
}
