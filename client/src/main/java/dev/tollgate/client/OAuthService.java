package dev.tollgate.client;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.TokenInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization server's endpoints around tokens: discovery, revocation (RFC 7009) and Google's
 * {@code /tokeninfo}. Endpoints are found through the server's discovery document
 * ({@code /.well-known/openid-configuration}), read once.
 */
public final class OAuthService {
    private final URI issuer;
    private final HttpClient http;
    private volatile ProviderMetadata metadata;

    private OAuthService(URI issuer, HttpClient http) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The server at this address, e.g. {@code https://tollgate.example}. */
    public static OAuthService at(URI issuer, HttpClient http) {
        return new OAuthService(issuer, http);
    }

    /** {@link #at(URI, HttpClient)} with the shared client of {@link CredentialOptions#defaults()}. */
    public static OAuthService at(URI issuer) {
        return at(issuer, CredentialOptions.defaults().httpClient());
    }

    /** The discovery document, fetched on first use. */
    public ProviderMetadata metadata() throws IOException {
        ProviderMetadata m = metadata;
        if (m == null) {
            String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1) : issuer.toString();
            HttpResponse<String> response = TokenEndpointClient.send(http,
                    HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(30))
                            .header("Accept", "application/json").GET().build());
            if (response.statusCode() != 200) {
                throw new IOException("The discovery document of " + issuer + " answered " + response.statusCode() + ".");
            }
            m = Json.read(response.body(), ProviderMetadata.class);
            if (m.tokenEndpoint() == null || m.issuer() == null) {
                throw new IOException("The discovery document of " + issuer + " names no issuer or token_endpoint.");
            }
            metadata = m;
        }
        return m;
    }

    /** Revokes an access or refresh token as anyone holding it may (RFC 7009 without client authentication). */
    public void revoke(String token) throws IOException {
        revoke(token, new ClientAuth.Absent());
    }

    /**
     * Revokes an access or refresh token, the client authenticating itself. Revoking a refresh token ends the
     * person's grant to the client, like Google; revoking an unknown token succeeds, as RFC 7009 says.
     */
    public void revoke(String token, ClientAuth client) throws IOException {
        var form = new LinkedHashMap<String, List<String>>();
        form.put("token", List.of(Objects.requireNonNull(token, "token")));
        client.writeTo(form);
        HttpResponse<String> response = TokenEndpointClient.post(http, URI.create(metadata().revocationEndpoint()), form);
        if (response.statusCode() != 200) {
            throw TokenEndpointClient.refusal(response);
        }
    }

    /**
     * What the server knows of a live access token: its client, subject, scopes and expiry. A token that is
     * expired, revoked or unknown gives a {@link TokenRequestException} with error {@code invalid_token}.
     */
    public TokenInfo tokenInfo(String accessToken) throws IOException {
        // POST keeps the token out of access logs; Tollgate answers both methods the same.
        HttpResponse<String> response = TokenEndpointClient.post(http, URI.create(tokenInfoEndpoint()),
                Map.of("access_token", List.of(accessToken)));
        if (response.statusCode() != 200) {
            throw TokenEndpointClient.refusal(response);
        }
        return Json.read(response.body(), TokenInfo.class);
    }

    private String tokenInfoEndpoint() throws IOException {
        String base = metadata().issuer();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/tokeninfo";
    }

    /** A verifier of ID tokens this server issues to the given client ids. */
    public IdTokenVerifier idTokenVerifier(String... audiences) throws IOException {
        ProviderMetadata m = metadata();
        return IdTokenVerifier.builder(URI.create(m.jwksUri()), m.issuer()).audiences(audiences).httpClient(http).build();
    }

    /** The server's address as given. */
    public URI issuer() { return issuer; }
}
