package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changing a client's name, redirect URIs and JavaScript origins after creation. */
class OAuthClientUpdateTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final Principal owner = new Principal.Person("owner", "owner@example.com");
    private final OAuthClient web = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.WEB, "Web",
            List.of("https://app.example/old"), List.of("https://app.example")).client();

    private OAuthClient update(Optional<String> name, Optional<List<String>> redirects, Optional<List<String>> origins) {
        return oauth.clientService.update(owner, InMemoryOAuth.PROJECT, web.clientId(), name, redirects, origins);
    }

    @Test
    void updatedRedirectUrisReplaceTheOldOnesAndOnlyTheNewOnesMatch() {
        OAuthClient updated = update(Optional.empty(), Optional.of(List.of("https://app.example/new")), Optional.empty());

        OAuthClient stored = oauth.clientService.get(owner, InMemoryOAuth.PROJECT, web.clientId());
        assertThat(stored).isEqualTo(updated);
        assertThat(stored.redirectUris()).containsExactly("https://app.example/new");
        assertThat(RedirectUris.matches(stored, "https://app.example/new")).isTrue();
        assertThat(RedirectUris.matches(stored, "https://app.example/old")).as("the removed URI no longer matches").isFalse();
    }

    @Test
    void fieldsLeftOutStayAsTheyWere() {
        OAuthClient updated = update(Optional.of("  Renamed  "), Optional.empty(), Optional.empty());

        assertThat(updated.displayName()).isEqualTo("Renamed");
        assertThat(updated.redirectUris()).containsExactly("https://app.example/old");
        assertThat(updated.javascriptOrigins()).containsExactly("https://app.example");
        assertThat(updated.type()).isEqualTo(ClientType.WEB);
        assertThat(updated.createTime()).isEqualTo(web.createTime());
    }

    @Test
    void emptyListsRemoveEveryRedirectUriAndOrigin() {
        OAuthClient updated = update(Optional.empty(), Optional.of(List.of()), Optional.of(List.of()));

        assertThat(updated.redirectUris()).isEmpty();
        assertThat(updated.javascriptOrigins()).isEmpty();
    }

    @Test
    void redirectUriRefusedAtCreationIsRefusedByUpdateAndTheClientStaysUnchanged() {
        for (String bad : List.of("http://app.example/cb", "https://app.example/cb#frag", "https://*.example/cb", "not a uri")) {
            assertThatThrownBy(() -> update(Optional.empty(), Optional.of(List.of("https://app.example/ok", bad)), Optional.empty()))
                    .as(bad).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
        }
        assertThat(oauth.clientService.get(owner, InMemoryOAuth.PROJECT, web.clientId()).redirectUris()).containsExactly("https://app.example/old");
    }

    @Test
    void originWithAPathIsRefused() {
        assertThatThrownBy(() -> update(Optional.empty(), Optional.empty(), Optional.of(List.of("https://app.example/page"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith("javascriptOrigins:"));
    }

    @Test
    void installedClientGetsNoJavaScriptOrigins() {
        assertThatThrownBy(() -> oauth.clientService.update(owner, InMemoryOAuth.PROJECT, oauth.app.clientId(), Optional.empty(),
                Optional.empty(), Optional.of(List.of("https://app.example"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("javascriptOrigins are for web applications."));
    }

    @Test
    void unknownClientIsNotFound() {
        assertThatThrownBy(() -> oauth.clientService.update(owner, InMemoryOAuth.PROJECT, "9-nobody.apps.tollgate", Optional.of("x"),
                Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.NOT_FOUND));
    }
}
