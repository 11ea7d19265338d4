package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cached client authenticator reads a client once, and forgets it the moment a client or a secret changes. */
class ClientAuthenticatorCacheTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final Principal owner = new Principal.Person("owner", "owner@example.com");
    private final AtomicInteger reads = new AtomicInteger();
    private final ClientAuthenticator cached = ClientAuthenticator.cached(counting(oauth.clientRepository), oauth.bus);

    @Test
    void aClientIsReadOnceForManyAuthentications() throws OAuthException {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.WEB, "Web", List.of("https://app.example/cb"), null);
        for (int i = 0; i < 100; i++) {
            assertThat(cached.authenticate(new ClientAuth.SecretBasic(created.client().clientId(), created.secret())))
                    .isEqualTo(created.client());
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDeletedSecretStopsWorkingAtOnceAndANewOneWorks() throws OAuthException {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.WEB, "Web", List.of("https://app.example/cb"), null);
        String id = created.client().clientId();
        cached.authenticate(new ClientAuth.SecretPost(id, created.secret()));

        var second = oauth.clientService.addSecret(owner, InMemoryOAuth.PROJECT, id);
        assertThat(cached.authenticate(new ClientAuth.SecretPost(id, second.secret()))).isEqualTo(created.client());
        oauth.clientService.deleteSecret(owner, InMemoryOAuth.PROJECT, id, created.secretRecord().secretId());

        assertThatThrownBy(() -> cached.authenticate(new ClientAuth.SecretPost(id, created.secret())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
        assertThat(cached.authenticate(new ClientAuth.SecretBasic(id, second.secret()))).isEqualTo(created.client());
    }

    @Test
    void aDeletedClientIsUnknownAtOnce() throws OAuthException {
        var created = oauth.clientService.create(owner, InMemoryOAuth.PROJECT, ClientType.WEB, "Web", List.of("https://app.example/cb"), null);
        String id = created.client().clientId();
        cached.authenticate(new ClientAuth.SecretBasic(id, created.secret()));

        oauth.clientService.delete(owner, InMemoryOAuth.PROJECT, id);

        assertThatThrownBy(() -> cached.authenticate(new ClientAuth.SecretBasic(id, created.secret())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
    }

    /** The repository, counting the reads of a client. */
    private OAuthClientRepository counting(OAuthClientRepository repository) {
        return new OAuthClientRepository() {
            public void insert(OAuthClient client) { repository.insert(client); }
            public Optional<OAuthClient> find(String clientId) { reads.incrementAndGet(); return repository.find(clientId); }
            public List<OAuthClient> list(String projectId) { return repository.list(projectId); }
            public List<String> javascriptOrigins() { return repository.javascriptOrigins(); }
            public void update(OAuthClient client) { repository.update(client); }
            public boolean delete(String clientId) { return repository.delete(clientId); }
            public void insertSecret(ClientSecret secret) { repository.insertSecret(secret); }
            public List<ClientSecret> secrets(String clientId) { return repository.secrets(clientId); }
            public boolean deleteSecret(String clientId, String secretId) { return repository.deleteSecret(clientId, secretId); }
            public Optional<ConsentScreen> consentScreen(String projectId) { return repository.consentScreen(projectId); }
            public void putConsentScreen(ConsentScreen screen) { repository.putConsentScreen(screen); }
        };
    }
}
