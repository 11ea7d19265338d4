package dev.tollgate.core.oauth;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.DeviceAuthorizationResponse;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** RFC 8628 device authorization grant, for installed applications on devices without a browser. */
public final class DeviceFlow {
    /** Consonants only, as RFC 8628 §6.1 suggests: no vowels, no words, no look-alike characters. */
    private static final char[] USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ".toCharArray();
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final int INTERVAL = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientAuthenticator clients;
    private final DeviceAuthorizationRepository devices;
    private final GrantRepository grants;
    private final GrantGenerations generations;
    private final TokenRevoker revoker;
    private final PersonTokens tokens;
    private final KnownScopes knownScopes;
    private final Issuer issuer;
    private final Clock clock;

    public DeviceFlow(ClientAuthenticator clients, DeviceAuthorizationRepository devices, GrantRepository grants,
                      GrantGenerations generations, TokenRevoker revoker, PersonTokens tokens, KnownScopes knownScopes,
                      Issuer issuer, Clock clock) {
        this.clients = clients;
        this.devices = devices;
        this.grants = grants;
        this.generations = generations;
        this.revoker = revoker;
        this.tokens = tokens;
        this.knownScopes = knownScopes;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** {@code POST /device/code}: the codes for the device and the person. */
    public DeviceAuthorizationResponse start(ClientAuth auth, Scopes scopes) throws OAuthException {
        OAuthClient client = clients.authenticate(auth);
        if (client.type() != ClientType.INSTALLED) {
            throw OAuthError.UNAUTHORIZED_CLIENT.exception("The device flow is for installed applications.");
        }
        knownScopes.requireKnown(scopes);
        if (scopes.contains(KnownScopes.ADMIN) && !AdminScope.mayStartDevice(client)) {
            throw OAuthError.INVALID_SCOPE.exception("The admin scope is not granted to devices.");
        }
        String deviceCode = Secrets.generate(SecretKind.DEVICE_CODE);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String userCode;
        for (int attempt = 0; ; attempt++) {
            userCode = newUserCode();
            try {
                devices.insert(new DeviceAuthorization(Secrets.hash(deviceCode), userCode, client.clientId(), scopes,
                        now.plus(LIFETIME), INTERVAL, DeviceAuthorization.Status.PENDING, Optional.empty(), Optional.empty()));
                break;
            } catch (dev.tollgate.core.store.DuplicateException e) {
                if (attempt >= 5) {
                    throw OAuthError.TEMPORARILY_UNAVAILABLE.exception("Could not allocate a user code; try again.");
                }
            }
        }
        String page = issuer.url() + "/device";
        return new DeviceAuthorizationResponse(deviceCode, userCode, page, page, page + "?user_code=" + userCode,
                LIFETIME.toSeconds(), INTERVAL);
    }

    /** The token endpoint's device_code grant: pending, too fast, denied, expired, or the tokens. */
    public TokenResponse poll(TokenRequest.DeviceCode request) throws OAuthException {
        OAuthClient client = clients.authenticate(request.client());
        if (!Secrets.isWellFormed(SecretKind.DEVICE_CODE, request.deviceCode())) {
            throw OAuthError.INVALID_GRANT.exception("Malformed device code.");
        }
        String hash = Secrets.hash(request.deviceCode());
        DeviceAuthorization device = devices.findByDeviceCode(hash)
                .filter(d -> d.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthError.INVALID_GRANT.exception("Invalid device code."));
        Instant now = clock.instant();
        if (!now.isBefore(device.expireTime())) {
            throw OAuthError.EXPIRED_TOKEN.exception("The device code has expired.");
        }
        switch (device.status()) {
            case DENIED -> throw OAuthError.ACCESS_DENIED.exception("The person denied the request.");
            case REDEEMED -> throw OAuthError.INVALID_GRANT.exception("The device code was already used.");
            case PENDING -> {
                boolean tooSoon = device.lastPollTime().map(t -> t.plusSeconds(device.intervalSeconds()).isAfter(now)).orElse(false);
                int interval = tooSoon ? device.intervalSeconds() + 5 : device.intervalSeconds();
                devices.polled(hash, now, interval);
                throw tooSoon ? OAuthError.SLOW_DOWN.exception("Polling too fast; wait " + interval + " seconds between requests.")
                        : OAuthError.AUTHORIZATION_PENDING.exception("The person has not decided yet.");
            }
            case APPROVED -> {
                if (!devices.redeem(hash)) {
                    throw OAuthError.INVALID_GRANT.exception("The device code was already used.");
                }
                Person person = device.person().orElseThrow();
                // An approval given before the person removed the app must not bring the app back.
                generations.requireLive(GrantGenerations.device(hash), person.userId(), client.clientId());
                generations.inherit(GrantGenerations.device(hash), GrantGenerations.family(hash));
                grants.touch(person.userId(), client.clientId(), now);
                TokenResponse issued = tokens.issue(new PersonTokens.Issuance(person.userId(), person.email(), client, device.scopes(),
                        Optional.empty(), person.authTime(), hash, true, TokenRevoker.familySource(hash)));
                if (!generations.isLive(GrantGenerations.family(hash), person.userId(), client.clientId())) {
                    revoker.revokeFamily(hash);
                    throw GrantGenerations.removed();
                }
                return issued;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** A request still waiting for a person's decision, by the code the person typed. */
    public Optional<DeviceAuthorization> pending(String typedUserCode) {
        return normalizeUserCode(typedUserCode).flatMap(devices::findByUserCode)
                .filter(d -> d.status() == DeviceAuthorization.Status.PENDING && clock.instant().isBefore(d.expireTime()));
    }

    /**
     * The person's decision; an approval is remembered as a grant like one given on the consent page.
     * The grant and the generation the approval belongs to are recorded before the approval itself,
     * so a device that polls at once finds both.
     */
    public boolean decide(String userCode, Person person, boolean allow) {
        Optional<DeviceAuthorization> device = pending(userCode);
        if (device.isEmpty()) {
            return false;
        }
        if (allow) {
            Grants.remember(grants, person.userId(), device.get().clientId(), device.get().scopes(), clock.instant());
            generations.issue(GrantGenerations.device(device.get().deviceCodeHash()), person.userId(), device.get().clientId());
        }
        return devices.decide(device.get().userCode(),
                allow ? DeviceAuthorization.Status.APPROVED : DeviceAuthorization.Status.DENIED, person);
    }

    /** Normalizes what a person typed ("bcdf-ghjk", "BCDFGHJK") to the stored form. */
    public static Optional<String> normalizeUserCode(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        var sb = new StringBuilder();
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            if (new String(USER_CODE_ALPHABET).indexOf(c) < 0) {
                return Optional.empty();
            }
            sb.append(c);
        }
        return sb.length() == 8 ? Optional.of(sb.substring(0, 4) + "-" + sb.substring(4)) : Optional.empty();
    }

    private static String newUserCode() {
        var sb = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                sb.append('-');
            }
            sb.append(USER_CODE_ALPHABET[RANDOM.nextInt(USER_CODE_ALPHABET.length)]);
        }
        return sb.toString();
    }
}
