package dev.tollgate.core.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.serviceaccount.ServiceAccountRepository;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.core.token.ServiceAccountIdTokens;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Service accounts exchange a signed JWT for an access token: Google's JWT-bearer grant
 * (RFC 7523 §2.1) and, for generic OAuth libraries, client_credentials with private_key_jwt
 * (RFC 7523 §2.2). A JWT-bearer assertion with a {@code target_audience} claim instead of a scope asks,
 * as at Google, for an ID token of the account for that audience: the answer has {@code id_token} and no
 * access token.
 */
public final class ServiceAccountGrant {
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
    static final int MAX_TARGET_AUDIENCE_LENGTH = 1024;

    private final ServiceAccountRepository accounts;
    private final AccessTokenIssuer issuer;
    private final KnownScopes knownScopes;
    private final Issuer self;
    private final Clock clock;
    private final Duration clockSkew;
    private final Optional<ServiceAccountIdTokens> idTokens;

    /** A grant that gives access tokens only; {@link #withIdTokens} adds ID tokens. */
    public ServiceAccountGrant(ServiceAccountRepository accounts, AccessTokenIssuer issuer, KnownScopes knownScopes,
                               Issuer self, Clock clock, Duration clockSkew) {
        this(accounts, issuer, knownScopes, self, clock, clockSkew, Optional.empty());
    }

    private ServiceAccountGrant(ServiceAccountRepository accounts, AccessTokenIssuer issuer, KnownScopes knownScopes,
                                Issuer self, Clock clock, Duration clockSkew, Optional<ServiceAccountIdTokens> idTokens) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.knownScopes = knownScopes;
        this.self = self;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.idTokens = idTokens;
    }

    /** The same grant answering assertions with a {@code target_audience} with ID tokens signed by {@code signer}. */
    public ServiceAccountGrant withIdTokens(ServiceAccountIdTokens signer) {
        return new ServiceAccountGrant(accounts, issuer, knownScopes, self, clock, clockSkew, Optional.of(signer));
    }

    public TokenResponse exchange(TokenRequest.JwtBearer request) throws OAuthException {
        Verified v = verify(request.assertion(), OAuthError.INVALID_GRANT);
        Optional<String> sub = Optional.ofNullable(v.claims().getSubject());
        if (!v.account().email().equals(v.claims().getIssuer())) {
            throw OAuthError.INVALID_GRANT.exception("Invalid JWT: iss must be the service account's email.");
        }
        if (sub.isPresent() && !sub.get().equals(v.account().email())) {
            throw OAuthError.UNAUTHORIZED_CLIENT.exception("Client is unauthorized to retrieve access tokens for another subject.");
        }
        Object targetAudience = v.claims().getClaim("target_audience");
        if (targetAudience != null) {
            return idToken(v, targetAudience, request.scopes());
        }
        Scopes scopes = request.scopes();
        Object claimScope = v.claims().getClaim("scope");
        if (claimScope != null) {
            if (!(claimScope instanceof String text)) {
                throw OAuthError.INVALID_GRANT.exception("Invalid JWT: the scope claim must be a string.");
            }
            Scopes fromClaim = Scopes.parse(text);
            if (!request.scopes().isEmpty() && !request.scopes().equals(fromClaim)) {
                throw OAuthError.INVALID_REQUEST.exception("The scope parameter differs from the assertion's scope claim.");
            }
            scopes = fromClaim;
        }
        return issue(v.account(), knownScopes.requireKnown(scopes));
    }

    private TokenResponse idToken(Verified v, Object targetAudience, Scopes requestScopes) throws OAuthException {
        if (!(targetAudience instanceof String audience) || audience.isBlank() || audience.length() > MAX_TARGET_AUDIENCE_LENGTH) {
            throw OAuthError.INVALID_GRANT.exception("Invalid JWT: target_audience must be a non-empty string of at most "
                    + MAX_TARGET_AUDIENCE_LENGTH + " characters.");
        }
        if (!requestScopes.isEmpty() || v.claims().getClaim("scope") != null) {
            throw OAuthError.INVALID_REQUEST.exception("An assertion with target_audience asks for an ID token and takes no scope.");
        }
        ServiceAccountIdTokens signer = idTokens.orElseThrow(() -> OAuthError.INVALID_REQUEST.exception(
                "This server does not issue ID tokens for service accounts."));
        String token = signer.issue(v.account().uniqueId(), v.account().email(), audience);
        return new TokenResponse(null, null, ServiceAccountIdTokens.LIFETIME_SECONDS, null, null, token);
    }

    public TokenResponse exchange(TokenRequest.ClientCredentials request) throws OAuthException {
        if (!(request.client() instanceof ClientAuth.PrivateKeyJwt auth)) {
            throw OAuthError.UNAUTHORIZED_CLIENT.exception("client_credentials is only for service accounts authenticating with private_key_jwt.");
        }
        Verified v = verify(auth.assertion(), OAuthError.INVALID_CLIENT);
        String iss = v.claims().getIssuer();
        if (iss == null || !iss.equals(v.claims().getSubject()) || !namesAccount(iss, v.account())) {
            throw OAuthError.INVALID_CLIENT.exception("Invalid client assertion: iss and sub must both be the client id.");
        }
        if (auth.clientId().isPresent() && !namesAccount(auth.clientId().get(), v.account())) {
            throw OAuthError.INVALID_CLIENT.exception("client_id does not match the client assertion.");
        }
        return issue(v.account(), knownScopes.requireKnown(request.scopes()));
    }

    private static boolean namesAccount(String id, ServiceAccount account) {
        return id.equals(account.uniqueId()) || id.equals(account.email());
    }

    private TokenResponse issue(ServiceAccount account, Scopes scopes) {
        var issued = issuer.issue(AccessToken.SubjectKind.SERVICE_ACCOUNT, account.uniqueId(), account.email(),
                account.uniqueId(), account.projectId(), scopes);
        return issued.response(clock.instant());
    }

    private record Verified(ServiceAccount account, JWTClaimsSet claims) {}

    private Verified verify(String assertion, OAuthError failure) throws OAuthException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw failure.exception("Invalid JWT: the assertion is not a signed JWT.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw failure.exception("Invalid JWT: the signing algorithm must be RS256.");
        }
        ServiceAccountKey key = signingKey(jwt, claims, failure);
        if (key.disabled()) {
            throw failure.exception("The key " + key.keyId() + " is disabled.");
        }
        ServiceAccount account = accounts.find(key.email())
                .orElseThrow(() -> failure.exception("Invalid JWT Signature."));
        if (account.disabled()) {
            throw failure.exception("The service account " + account.email() + " is disabled.");
        }
        checkAudience(claims, key, failure);
        checkTimes(claims, failure);
        return new Verified(account, claims);
    }

    /** The key named by {@code kid}, or, since RFC 7515 makes {@code kid} optional, the issuer's key that verifies. */
    private ServiceAccountKey signingKey(SignedJWT jwt, JWTClaimsSet claims, OAuthError failure) throws OAuthException {
        String kid = jwt.getHeader().getKeyID();
        List<ServiceAccountKey> candidates;
        if (kid != null) {
            if (kid.length() > 128) {
                throw failure.exception("Invalid JWT: kid is too long.");
            }
            candidates = accounts.findKey(kid).map(List::of).orElse(List.of());
        } else {
            String iss = claims.getIssuer();
            Optional<ServiceAccount> account = iss == null || iss.length() > 254 ? Optional.empty()
                    : accounts.find(iss).or(() -> accounts.findByUniqueId(iss));
            candidates = account.map(a -> accounts.listKeys(a.email())).orElse(List.of());
        }
        for (ServiceAccountKey candidate : candidates) {
            try {
                if (jwt.verify(new RSASSAVerifier(candidate.publicKey()))) {
                    return candidate;
                }
            } catch (JOSEException e) {
                // try the next key; none verifying is answered below
            }
        }
        throw failure.exception("Invalid JWT Signature.");
    }

    /**
     * RFC 7523 §3: our identity must be among the audiences. Google's client libraries always name
     * Google's token endpoint, whatever the key file says; a key Tollgate generated never existed
     * at Google, so an assertion signed with it cannot have been meant for Google, and that
     * audience is accepted for such keys only.
     */
    private void checkAudience(JWTClaimsSet claims, ServiceAccountKey key, OAuthError failure) throws OAuthException {
        List<String> audience = claims.getAudience();
        boolean ours = audience != null && (audience.contains(self.tokenUri()) || audience.contains(self.url())
                || key.origin() == ServiceAccountKey.Origin.GENERATED && audience.contains(GOOGLE_TOKEN_URI));
        if (!ours) {
            throw failure.exception("Invalid JWT: aud must be " + self.tokenUri() + ".");
        }
    }

    private void checkTimes(JWTClaimsSet claims, OAuthError failure) throws OAuthException {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw failure.exception("Invalid JWT: exp is required.");
        }
        Instant expires = exp.toInstant();
        Instant now = clock.instant();
        Date iat = claims.getIssueTime();
        if (iat != null) {
            Instant issued = iat.toInstant();
            if (!expires.isAfter(issued) || Duration.between(issued, expires).compareTo(MAX_ASSERTION_LIFETIME) > 0) {
                throw failure.exception("Invalid JWT: exp must be after iat and at most one hour after it.");
            }
            if (issued.isAfter(now.plus(clockSkew))) {
                throw failure.exception("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
            }
        } else if (expires.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(clockSkew))) {
            // iat is optional (RFC 7523 §3); without it, the assertion may live at most an hour from now.
            throw failure.exception("Invalid JWT: without iat, exp must be at most one hour from now.");
        }
        if (!expires.isAfter(now.minus(clockSkew))) {
            throw failure.exception("Invalid JWT: the assertion has expired.");
        }
    }
}
