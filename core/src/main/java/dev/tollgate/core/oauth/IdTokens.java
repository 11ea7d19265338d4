package dev.tollgate.core.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.principal.VerifiedAddresses;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** OpenID Connect ID tokens: RS256 with {@code kid}, Google's claim set. */
public final class IdTokens {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final SigningKeys keys;
    private final Issuer issuer;
    private final Clock clock;
    private final VerifiedAddresses addresses;

    /** ID tokens that claim no address verified. */
    public IdTokens(SigningKeys keys, Issuer issuer, Clock clock) {
        this(keys, issuer, clock, (userId, email) -> false);
    }

    /** @param addresses says {@code email_verified}, asked when each token is issued */
    public IdTokens(SigningKeys keys, Issuer issuer, Clock clock, VerifiedAddresses addresses) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
        this.addresses = addresses;
    }

    /** Whether the person's address is verified now: the {@code email_verified} claim everywhere it appears. */
    public boolean emailVerified(String userId, String email) {
        return addresses.isVerifiedOwner(userId, email);
    }

    public String issue(String userId, String email, String clientId, Instant authTime, Optional<String> nonce, boolean withEmail) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder().issuer(issuer.url()).subject(userId).audience(clientId).claim("azp", clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", authTime.getEpochSecond());
        nonce.ifPresent(n -> claims.claim("nonce", n));
        if (withEmail) {
            claims.claim("email", email).claim("email_verified", emailVerified(userId, email));
        }
        return sign(claims.build());
    }

    /**
     * An ID token of a service account for {@code audience}, as Google signs one: {@code sub} and {@code azp}
     * the account's unique id, its address as {@code email}, verified (the platform made it).
     */
    public String issueForServiceAccount(String uniqueId, String email, String audience) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder().issuer(issuer.url()).subject(uniqueId).audience(audience).claim("azp", uniqueId)
                .claim("email", email).claim("email_verified", true)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)));
        return sign(claims.build());
    }

    private String sign(JWTClaimsSet claims) {
        SigningKey key = keys.current();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key.privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing an ID token failed", e);
        }
    }

    /** Verifies one of our own ID tokens (for /tokeninfo); empty when it is not valid now. */
    public Optional<JWTClaimsSet> verify(String idToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            for (SigningKey key : keys.published()) {
                if (key.kid().equals(jwt.getHeader().getKeyID()) && jwt.verify(new RSASSAVerifier(key.publicKey()))) {
                    JWTClaimsSet claims = jwt.getJWTClaimsSet();
                    boolean live = claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(clock.instant());
                    return live && issuer.url().equals(claims.getIssuer()) ? Optional.of(claims) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
