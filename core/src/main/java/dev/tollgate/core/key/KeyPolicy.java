package dev.tollgate.core.key;

import dev.tollgate.core.net.Cidr;
import dev.tollgate.core.net.IpLiteral;
import dev.tollgate.protocol.ApiError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link KeyRestrictions} compiled for the gateway: everything is parsed once, so that checking a
 * call only compares, and a key without restrictions costs a single branch.
 */
public final class KeyPolicy {
    /** The policy of a key without restrictions. */
    public static final KeyPolicy UNRESTRICTED = new KeyPolicy(null, null, null, null, null, null);

    private static final CallOrigin NO_ORIGIN = new CallOrigin(null, null, null, null, null);

    private final boolean unrestricted;
    // Each restriction is null when the key does not have it.
    private final Set<String> wholeServices;
    private final Map<String, Set<String>> methodsByService;
    private final Cidr[] allowedIps;
    private final ReferrerPattern[] allowedReferrers;
    private final Map<String, Set<String>> fingerprintsByAndroidPackage;
    private final Set<String> iosBundleIds;

    private KeyPolicy(Set<String> wholeServices, Map<String, Set<String>> methodsByService, Cidr[] allowedIps,
                      ReferrerPattern[] allowedReferrers, Map<String, Set<String>> fingerprintsByAndroidPackage,
                      Set<String> iosBundleIds) {
        this.wholeServices = wholeServices;
        this.methodsByService = methodsByService;
        this.allowedIps = allowedIps;
        this.allowedReferrers = allowedReferrers;
        this.fingerprintsByAndroidPackage = fingerprintsByAndroidPackage;
        this.iosBundleIds = iosBundleIds;
        this.unrestricted = wholeServices == null && allowedIps == null && allowedReferrers == null
                && fingerprintsByAndroidPackage == null && iosBundleIds == null;
    }

    /**
     * The policy of {@code restrictions}; null means none.
     *
     * @throws dev.tollgate.protocol.ApiException INVALID_ARGUMENT if the restrictions do not
     *     {@linkplain KeyRestrictions#validate() validate}: a policy is never built from values it cannot enforce
     */
    public static KeyPolicy compile(KeyRestrictions restrictions) {
        if (restrictions == null) {
            return UNRESTRICTED;
        }
        KeyRestrictions valid = restrictions.validate();
        var policy = new KeyPolicy(
                valid.apiTargets().isEmpty() ? null : wholeServices(valid),
                valid.apiTargets().isEmpty() ? null : methodsByService(valid),
                valid.allowedIps().isEmpty() ? null : valid.allowedIps().stream().map(Cidr::parse).toArray(Cidr[]::new),
                valid.allowedReferrers().isEmpty() ? null
                        : valid.allowedReferrers().stream().map(ReferrerPattern::parse).toArray(ReferrerPattern[]::new),
                valid.androidApps().isEmpty() ? null : fingerprintsByAndroidPackage(valid),
                valid.iosBundleIds().isEmpty() ? null : Set.copyOf(valid.iosBundleIds()));
        return policy.unrestricted ? UNRESTRICTED : policy;
    }

    /**
     * Passes if the key may call {@code methodId} of {@code service} from {@code origin}.
     *
     * @throws dev.tollgate.protocol.ApiException the error of the first restriction the call
     *     violates, in the order API, IP address, referrer, Android app, iOS app
     */
    public void check(String service, String methodId, CallOrigin origin) {
        if (unrestricted) {
            return;
        }
        CallOrigin from = origin == null ? NO_ORIGIN : origin;
        if (wholeServices != null && !allowsMethod(service, methodId)) {
            throw ApiError.API_KEY_SERVICE_BLOCKED.exception(
                    "Requests to this API " + KeyRestrictions.escaped(service) + " method "
                            + KeyRestrictions.escaped(methodId) + " are blocked.");
        }
        if (allowedIps != null && !allowsAddress(from)) {
            String address = from.clientAddress() == null ? "unknown" : IpLiteral.format(from.clientAddress());
            throw ApiError.API_KEY_IP_ADDRESS_BLOCKED.exception("The provided API key has an IP address restriction. "
                    + "The originating IP address of the call (" + address + ") violates this restriction.");
        }
        if (allowedReferrers != null && !allowsReferrer(from.referer())) {
            throw ApiError.API_KEY_HTTP_REFERRER_BLOCKED.exception(
                    "Requests from referer " + shown(from.referer()) + " are blocked.");
        }
        if (fingerprintsByAndroidPackage != null && !allowsAndroidApp(from)) {
            throw ApiError.API_KEY_ANDROID_APP_BLOCKED.exception(
                    "Requests from this Android client application " + shown(from.androidPackage()) + " are blocked.");
        }
        if (iosBundleIds != null && (from.iosBundleId() == null || !iosBundleIds.contains(from.iosBundleId()))) {
            throw ApiError.API_KEY_IOS_APP_BLOCKED.exception(
                    "Requests from this iOS client application " + shown(from.iosBundleId()) + " are blocked.");
        }
    }

    private boolean allowsMethod(String service, String methodId) {
        if (service == null) {
            return false;
        }
        if (wholeServices.contains(service)) {
            return true;
        }
        Set<String> methods = methodsByService.get(service);
        return methods != null && methodId != null && methods.contains(methodId);
    }

    private boolean allowsAddress(CallOrigin origin) {
        for (Cidr block : allowedIps) {
            if (block.contains(origin.clientAddress())) {
                return true;
            }
        }
        return false;
    }

    private boolean allowsReferrer(String referer) {
        ReferrerPattern.Referrer parsed = ReferrerPattern.Referrer.parse(referer);
        if (parsed == null) {
            return false;
        }
        for (ReferrerPattern pattern : allowedReferrers) {
            if (pattern.matches(parsed)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowsAndroidApp(CallOrigin origin) {
        if (origin.androidPackage() == null) {
            return false;
        }
        Set<String> fingerprints = fingerprintsByAndroidPackage.get(origin.androidPackage());
        String fingerprint = KeyRestrictions.normalizeFingerprint(origin.androidCert());
        return fingerprints != null && fingerprint != null && fingerprints.contains(fingerprint);
    }

    private static String shown(String headerValue) {
        return headerValue == null || headerValue.isEmpty() ? "<empty>" : KeyRestrictions.escaped(headerValue);
    }

    private static Set<String> wholeServices(KeyRestrictions restrictions) {
        var services = new HashSet<String>();
        for (KeyRestrictions.ApiTarget target : restrictions.apiTargets()) {
            if (target.methods().isEmpty()) {
                services.add(target.service());
            }
        }
        return Set.copyOf(services);
    }

    private static Map<String, Set<String>> methodsByService(KeyRestrictions restrictions) {
        var methods = new HashMap<String, Set<String>>();
        for (KeyRestrictions.ApiTarget target : restrictions.apiTargets()) {
            methods.computeIfAbsent(target.service(), s -> new HashSet<>()).addAll(target.methods());
        }
        return copyOfSets(methods);
    }

    private static Map<String, Set<String>> fingerprintsByAndroidPackage(KeyRestrictions restrictions) {
        var fingerprints = new HashMap<String, Set<String>>();
        for (KeyRestrictions.AndroidApp app : restrictions.androidApps()) {
            fingerprints.computeIfAbsent(app.packageName(), p -> new HashSet<>()).add(app.sha1Fingerprint());
        }
        return copyOfSets(fingerprints);
    }

    private static Map<String, Set<String>> copyOfSets(Map<String, Set<String>> map) {
        var copy = new HashMap<String, Set<String>>();
        map.forEach((key, values) -> copy.put(key, Set.copyOf(values)));
        return Map.copyOf(copy);
    }
}
