package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import dev.tollgate.protocol.TokenRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A service account's key file ({@code "type": "service_account"}): each token comes from a JWT-bearer
 * grant (RFC 7523) at the file's {@code token_uri}, with an assertion signed by the file's private key,
 * for the given scopes and, with {@link #withSubject}, on behalf of a user (domain-wide delegation).
 */
public final class ServiceAccountCredentials extends OAuth2Credentials {
    private static final long ASSERTION_LIFETIME_SECONDS = 3600;

    private final ServiceAccountKeyFile keyFile;
    private final JwtSigner signer;
    private final URI tokenUri;
    private final Scopes scopes;
    private final Optional<String> subject;

    private ServiceAccountCredentials(ServiceAccountKeyFile keyFile, JwtSigner signer, Scopes scopes, Optional<String> subject,
                                      CredentialOptions options) {
        super(options);
        this.keyFile = keyFile;
        this.signer = signer;
        this.tokenUri = URI.create(keyFile.tokenUri());
        this.scopes = scopes;
        this.subject = subject;
    }

    /** Reads a key file as the console or {@code POST .../keys} gave it. */
    public static ServiceAccountCredentials fromFile(Path file, Scopes scopes, CredentialOptions options) throws CredentialsException {
        JsonNode node = CredentialFiles.read(file);
        if (!ServiceAccountKeyFile.TYPE.equals(CredentialFiles.type(node))) {
            throw new CredentialsException("The credential file " + file + " is of type " + CredentialFiles.type(node)
                    + ", not " + ServiceAccountKeyFile.TYPE + ".");
        }
        return fromKey(CredentialFiles.as(node, ServiceAccountKeyFile.class, file), scopes, options, file.toString());
    }

    /** {@link #fromFile(Path, Scopes, CredentialOptions)} with the default options. */
    public static ServiceAccountCredentials fromFile(Path file, String... scopes) throws CredentialsException {
        return fromFile(file, Scopes.of(scopes), CredentialOptions.defaults());
    }

    /** Credentials for an already parsed key file. */
    public static ServiceAccountCredentials fromKey(ServiceAccountKeyFile key, Scopes scopes, CredentialOptions options) throws CredentialsException {
        return fromKey(key, scopes, options, "the key of " + key.clientEmail());
    }

    private static ServiceAccountCredentials fromKey(ServiceAccountKeyFile key, Scopes scopes, CredentialOptions options, String source)
            throws CredentialsException {
        Path label = Path.of(source);
        CredentialFiles.require(key.clientEmail(), "client_email", label);
        CredentialFiles.require(key.tokenUri(), "token_uri", label);
        CredentialFiles.require(key.privateKey(), "private_key", label);
        try {
            return new ServiceAccountCredentials(key, JwtSigner.fromPem(key.privateKey(), key.privateKeyId()),
                    Objects.requireNonNull(scopes, "scopes"), Optional.empty(), options);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CredentialsException("The private_key of " + source + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The same service account acting for the given user (the assertion's {@code sub}). */
    public ServiceAccountCredentials withSubject(String userEmail) {
        return new ServiceAccountCredentials(keyFile, signer, scopes, Optional.of(userEmail), options());
    }

    /** The same service account with other scopes. */
    public ServiceAccountCredentials withScopes(Scopes other) {
        return new ServiceAccountCredentials(keyFile, signer, other, subject, options());
    }

    /** The account's email address. */
    public String clientEmail() { return keyFile.clientEmail(); }

    /** The project the account belongs to. */
    public String projectId() { return keyFile.projectId(); }

    /** The scopes tokens are asked for. */
    public Scopes scopes() { return scopes; }

    /** The user the account acts for, if any. */
    public Optional<String> subject() { return subject; }

    @Override
    protected AccessToken fetchToken() throws IOException {
        String assertion = assertion();
        var request = new TokenRequest.JwtBearer(assertion, scopes);
        return toAccessToken(TokenEndpointClient.token(options().httpClient(), tokenUri, request.toForm()), scopes);
    }

    /**
     * An OpenID Connect ID token of this service account for {@code audience} (the service it will call):
     * a JWT-bearer grant whose assertion names a {@code target_audience} and no scope, as Google's libraries
     * ask for one. Each call asks anew; the token is valid for an hour.
     *
     * @throws TokenRequestException when the server refuses, e.g. one that issues no ID tokens to service accounts
     */
    public String idToken(String audience) throws IOException {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("An ID token needs an audience.");
        }
        var claims = claims(Scopes.EMPTY);
        claims.put("target_audience", audience);
        var request = new TokenRequest.JwtBearer(sign(claims), Scopes.EMPTY);
        var answer = TokenEndpointClient.post(options().httpClient(), tokenUri, request.toForm());
        if (answer.statusCode() / 100 != 2) {
            throw TokenEndpointClient.refusal(answer);
        }
        String idToken = Json.read(answer.body(), dev.tollgate.protocol.TokenResponse.class).idToken();
        if (idToken == null || idToken.isBlank()) {
            throw new IOException("The token endpoint answered without an id_token.");
        }
        return idToken;
    }

    private String assertion() throws CredentialsException {
        return sign(claims(scopes));
    }

    private LinkedHashMap<String, Object> claims(Scopes scopes) {
        long now = options().clock().instant().getEpochSecond();
        var claims = new LinkedHashMap<String, Object>();
        claims.put("iss", keyFile.clientEmail());
        if (!scopes.isEmpty()) {
            claims.put("scope", scopes.toString());
        }
        claims.put("aud", tokenUri.toString());
        claims.put("iat", now);
        claims.put("exp", now + ASSERTION_LIFETIME_SECONDS);
        subject.ifPresent(s -> claims.put("sub", s));
        return claims;
    }

    private String sign(LinkedHashMap<String, Object> claims) throws CredentialsException {
        try {
            return signer.sign(claims);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("Cannot sign with the key of " + keyFile.clientEmail() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountCredentials[" + keyFile.clientEmail() + ", scopes=" + scopes + subject.map(s -> ", subject=" + s).orElse("") + "]";
    }

}
