package dev.tollgate.core.oauth;

import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.security.MessageDigest;

/**
 * Authenticates an OAuth client at the token, revocation and introspection endpoints (RFC 6749 §2.3).
 * In the product the clients and their secrets' hashes are read through a cache ({@link #cached}),
 * so a token call reads no database for its client; any change to a client or its secrets, on any
 * node, empties it ({@link Invalidation.OAuthClients}), and entries live at most a few minutes besides.
 */
public final class ClientAuthenticator {
    private static final Duration CACHED_AT_MOST = Duration.ofMinutes(5);

    /** A client as authentication needs it: the client and the hashes of its secrets. */
    private record Registered(OAuthClient client, List<String> secretHashes) {}

    private final Function<String, Optional<Registered>> registered;

    /** Reads the repository on every call. */
    public ClientAuthenticator(OAuthClientRepository clients) {
        this.registered = id -> read(clients, id);
    }

    private ClientAuthenticator(Function<String, Optional<Registered>> registered) {
        this.registered = registered;
    }

    /** Reads each client once until a client changes anywhere (or a few minutes pass). */
    public static ClientAuthenticator cached(OAuthClientRepository clients, InvalidationBus bus) {
        LoadingCache<String, Optional<Registered>> cache = Caches.upkeptByCallers().maximumSize(100_000)
                .expireAfterWrite(CACHED_AT_MOST).build(id -> read(clients, id));
        bus.subscribe(invalidation -> {
            if (invalidation instanceof Invalidation.OAuthClients || invalidation instanceof Invalidation.AllKeys) {
                cache.invalidateAll();
            }
        });
        return new ClientAuthenticator(cache::get);
    }

    private static Optional<Registered> read(OAuthClientRepository clients, String clientId) {
        return clients.find(clientId).map(c -> new Registered(c,
                clients.secrets(clientId).stream().map(ClientSecret::secretHash).toList()));
    }

    public OAuthClient authenticate(ClientAuth auth) throws OAuthException {
        if (auth instanceof ClientAuth.SecretBasic basic) {
            return withSecret(basic.id(), basic.secret());
        }
        if (auth instanceof ClientAuth.SecretPost post) {
            return withSecret(post.id(), post.secret());
        }
        if (auth instanceof ClientAuth.None none) {
            OAuthClient client = registered.apply(none.id()).orElseThrow(ClientAuthenticator::unknown).client();
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
        Registered found = registered.apply(clientId).orElseThrow(ClientAuthenticator::unknown);
        byte[] presented = Secrets.hash(secret).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String stored : found.secretHashes()) {
            ok |= MessageDigest.isEqual(presented, stored.getBytes(StandardCharsets.US_ASCII));
        }
        if (!ok) {
            throw OAuthError.INVALID_CLIENT.exception("Client authentication failed.");
        }
        return found.client();
    }

    private static OAuthException unknown() {
        return OAuthError.INVALID_CLIENT.exception("The OAuth client was not found.");
    }
}
