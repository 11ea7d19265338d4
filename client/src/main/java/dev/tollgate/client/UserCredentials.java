package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.protocol.AuthorizedUserFile;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's authorization kept as a refresh token: Google's {@code authorized_user} file (what
 * {@code tollgate auth application-default login} writes) or what {@link InstalledAppFlow} and
 * {@link DeviceFlow} obtain. Each access token comes from the refresh grant.
 * <p>
 * Public clients get a new refresh token on every refresh and the old one stops working; the new one is
 * kept here and, for credentials read from a file, written back to that file (atomically, readable by
 * its owner only), so that the next run of the program still holds a working token.
 */
public final class UserCredentials extends OAuth2Credentials {
    /** Where Tollgate's token endpoint is when the file does not say. */
    public static final String DEFAULT_TOKEN_PATH = "/token";

    private final String clientId;
    private final String clientSecret;
    private final URI tokenUri;
    private final Optional<Path> file;
    private volatile String refreshToken;
    private volatile String idToken;

    private UserCredentials(String clientId, String clientSecret, String refreshToken, URI tokenUri, Optional<Path> file,
                            CredentialOptions options) {
        super(options);
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = clientSecret;
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.tokenUri = Objects.requireNonNull(tokenUri, "tokenUri");
        this.file = file;
    }

    /**
     * Credentials for a client and a refresh token it holds.
     *
     * @param clientSecret null for a public client (installed application without a secret)
     * @param tokenUri     the token endpoint, e.g. {@code https://tollgate.example/token}
     */
    public static UserCredentials of(String clientId, String clientSecret, String refreshToken, URI tokenUri, CredentialOptions options) {
        return new UserCredentials(clientId, clientSecret, refreshToken, tokenUri, Optional.empty(), options);
    }

    /**
     * Reads an {@code authorized_user} file. Google's files name no token endpoint, so the file may carry
     * {@code token_uri} (Tollgate writes it); otherwise {@code tokenUri} is used.
     */
    public static UserCredentials fromFile(Path file, URI tokenUri, CredentialOptions options) throws CredentialsException {
        JsonNode node = CredentialFiles.read(file);
        if (!AuthorizedUserFile.TYPE.equals(CredentialFiles.type(node))) {
            throw new CredentialsException("The credential file " + file + " is of type " + CredentialFiles.type(node)
                    + ", not " + AuthorizedUserFile.TYPE + ".");
        }
        AuthorizedUserFile parsed = CredentialFiles.as(node, AuthorizedUserFile.class, file);
        CredentialFiles.require(parsed.clientId(), "client_id", file);
        CredentialFiles.require(parsed.refreshToken(), "refresh_token", file);
        URI endpoint = node.hasNonNull("token_uri") ? URI.create(node.get("token_uri").asText()) : tokenUri;
        if (endpoint == null) {
            throw new CredentialsException("The credential file " + file + " has no token_uri, and no token endpoint was given.");
        }
        return new UserCredentials(parsed.clientId(), parsed.clientSecret(), parsed.refreshToken(), endpoint, Optional.of(file), options);
    }

    /** Credentials from a token response of a sign-in flow; its access token is used until it goes stale. */
    static UserCredentials fromSignIn(String clientId, String clientSecret, URI tokenUri, TokenResponse response,
                                      CredentialOptions options) throws CredentialsException {
        if (response.refreshToken() == null) {
            throw new CredentialsException("The server granted no refresh token, so the authorization cannot be kept.");
        }
        UserCredentials credentials = of(clientId, clientSecret, response.refreshToken(), tokenUri, options);
        credentials.seed(credentials.toAccessToken(response, Scopes.EMPTY));
        credentials.idToken = response.idToken();
        return credentials;
    }

    /** The client the refresh token belongs to. */
    public String clientId() { return clientId; }

    /** The refresh token now held (the newest one after a rotation). */
    public String refreshToken() { return refreshToken; }

    /**
     * The ID token of the latest answer that carried one (a sign-in with the {@code openid} scope), to be
     * checked with an {@link IdTokenVerifier} before its claims are believed.
     */
    public Optional<String> idToken() { return Optional.ofNullable(idToken); }

    /** The token endpoint. */
    public URI tokenUri() { return tokenUri; }

    /** The credentials as an {@code authorized_user} file, with {@code token_uri} so the file says where to refresh. */
    public String toFileJson() {
        var out = Json.MAPPER.createObjectNode();
        out.put("type", AuthorizedUserFile.TYPE);
        out.put("client_id", clientId);
        if (clientSecret != null) {
            out.put("client_secret", clientSecret);
        }
        out.put("refresh_token", refreshToken);
        out.put("token_uri", tokenUri.toString());
        return out.toPrettyString();
    }

    /** Writes {@link #toFileJson()} to the file, replacing it atomically, readable by its owner only. */
    public void writeTo(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".credentials-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile directory is already private to the user.
            }
            Files.writeString(temp, toFileJson());
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    protected AccessToken fetchToken() throws IOException {
        ClientAuth client = clientSecret == null ? new ClientAuth.None(clientId) : new ClientAuth.SecretPost(clientId, clientSecret);
        var request = new TokenRequest.RefreshToken(client, refreshToken, Optional.empty());
        TokenResponse response = TokenEndpointClient.token(options().httpClient(), tokenUri, request.toForm());
        if (response.idToken() != null) {
            idToken = response.idToken();
        }
        if (response.refreshToken() != null && !response.refreshToken().equals(refreshToken)) {
            refreshToken = response.refreshToken();
            if (file.isPresent()) {
                writeTo(file.get());
            }
        }
        return toAccessToken(response, Scopes.EMPTY);
    }

    @Override
    public String toString() {
        return "UserCredentials[" + clientId + file.map(f -> ", " + f).orElse("") + "]";
    }
}
