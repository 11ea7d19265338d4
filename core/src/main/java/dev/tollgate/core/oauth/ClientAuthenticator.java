package dev.tollgate.core.oauth;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Authenticates an OAuth client at the token, revocation and introspection endpoints (RFC 6749 §2.3). */
public final class ClientAuthenticator {
    private final OAuthClientRepository clients;

    public ClientAuthenticator(OAuthClientRepository clients) {
        this.clients = clients;
    }

    public OAuthClient authenticate(ClientAuth auth) throws OAuthException {
        if (auth instanceof ClientAuth.SecretBasic basic) {
            return withSecret(basic.id(), basic.secret());
        }
        if (auth instanceof ClientAuth.SecretPost post) {
            return withSecret(post.id(), post.secret());
        }
        if (auth instanceof ClientAuth.None none) {
            OAuthClient client = clients.find(none.id()).orElseThrow(ClientAuthenticator::unknown);
            if (!client.isPublic()) {
                throw OAuthError.INVALID_CLIENT.exception("This client must authenticate with its client secret.");
            }
            return client;
        }
        throw OAuthError.INVALID_CLIENT.exception("Client authentication failed.");
    }

    /** Authenticates a confidential client; a public client naming itself is not enough. */
    public OAuthClient authenticateConfidential(ClientAuth auth) throws OAuthException {
        if (auth instanceof ClientAuth.None) {
            throw OAuthError.INVALID_CLIENT.exception("This endpoint needs client authentication.");
        }
        return authenticate(auth);
    }

    private OAuthClient withSecret(String clientId, String secret) throws OAuthException {
        OAuthClient client = clients.find(clientId).orElseThrow(ClientAuthenticator::unknown);
        byte[] presented = Secrets.hash(secret).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (ClientSecret stored : clients.secrets(clientId)) {
            ok |= MessageDigest.isEqual(presented, stored.secretHash().getBytes(StandardCharsets.US_ASCII));
        }
        if (!ok) {
            throw OAuthError.INVALID_CLIENT.exception("Client authentication failed.");
        }
        return client;
    }

    private static OAuthException unknown() {
        return OAuthError.INVALID_CLIENT.exception("The OAuth client was not found.");
    }
}
