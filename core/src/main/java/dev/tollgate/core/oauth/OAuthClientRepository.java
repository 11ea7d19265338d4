package dev.tollgate.core.oauth;

import java.util.List;
import java.util.Optional;

public interface OAuthClientRepository {
    void insert(OAuthClient client);

    Optional<OAuthClient> find(String clientId);

    /** Replaces the stored client of the same id (its name, redirect URIs and JavaScript origins). */
    void update(OAuthClient client);

    List<OAuthClient> list(String projectId);

    /** Every JavaScript origin registered on any client, as registered (a browser may call the token endpoints from them). */
    List<String> javascriptOrigins();

    boolean delete(String clientId);

    void insertSecret(ClientSecret secret);

    List<ClientSecret> secrets(String clientId);

    boolean deleteSecret(String clientId, String secretId);

    Optional<ConsentScreen> consentScreen(String projectId);

    void putConsentScreen(ConsentScreen screen);
}
