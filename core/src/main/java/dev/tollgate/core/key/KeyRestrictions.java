package dev.tollgate.core.key;

import dev.tollgate.core.net.Cidr;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What an API key may be used for and from where, as the admin API reads and writes it. An empty
 * list restricts nothing; {@link KeyPolicy} is the form the gateway enforces.
 *
 * @param apiTargets the APIs, and optionally their methods, the key may call
 * @param allowedIps the addresses and CIDR blocks calls may come from (servers)
 * @param allowedReferrers the {@link ReferrerPattern}s of the web pages calls may come from (browsers)
 * @param androidApps the Android apps calls may come from
 * @param iosBundleIds the iOS apps calls may come from
 */
public record KeyRestrictions(List<ApiTarget> apiTargets, List<String> allowedIps, List<String> allowedReferrers,
                              List<AndroidApp> androidApps, List<String> iosBundleIds) {

    public static final KeyRestrictions NONE = new KeyRestrictions(null, null, null, null, null);

    static final int MAX_ENTRIES = 100;
    static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern ANDROID_PACKAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
    private static final Pattern IOS_BUNDLE_ID = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern SHA1 = Pattern.compile("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){19}");

    /**
     * An API the key may call.
     *
     * @param service the API's name, such as {@code posts}
     * @param methods the method ids it may call, such as {@code posts.get}; empty for all of them
     */
    public record ApiTarget(String service, List<String> methods) {
        public ApiTarget {
            methods = copy(methods);
        }
    }

    /**
     * An Android app, identified as Google does by its package name and signing certificate.
     *
     * @param sha1Fingerprint the SHA-1 of the signing certificate, as 40 hex digits, colons optional
     */
    public record AndroidApp(String packageName, String sha1Fingerprint) {}

    public KeyRestrictions {
        // Null entries are kept, not refused, so that validate() can name them in a 400 answer.
        apiTargets = copy(apiTargets);
        allowedIps = copy(allowedIps);
        allowedReferrers = copy(allowedReferrers);
        androidApps = copy(androidApps);
        iosBundleIds = copy(iosBundleIds);
    }

    /**
     * A normalized copy: CIDR blocks and referrer patterns in canonical form, fingerprints in
     * upper-case colon-separated hex.
     *
     * @throws ApiException INVALID_ARGUMENT naming the first bad field and value
     */
    public KeyRestrictions validate() {
        requireOneKindOfApplicationRestriction();
        return new KeyRestrictions(
                each("apiTargets", apiTargets, KeyRestrictions::validTarget),
                each("allowedIps", allowedIps, KeyRestrictions::validIp),
                each("allowedReferrers", allowedReferrers, KeyRestrictions::validReferrer),
                each("androidApps", androidApps, KeyRestrictions::validAndroidApp),
                each("iosBundleIds", iosBundleIds, (field, id) -> text(field, id, IOS_BUNDLE_ID,
                        "an iOS bundle id (letters, digits, '.' and '-')")));
    }

    /** {@code AB:CD:...} in upper case, or null if {@code fingerprint} is not a SHA-1 in hex. */
    static String normalizeFingerprint(String fingerprint) {
        if (fingerprint == null || fingerprint.length() > 59 || !SHA1.matcher(fingerprint).matches()) {
            return null;
        }
        String hex = fingerprint.replace(":", "").toUpperCase(Locale.ROOT);
        var out = new StringBuilder(59);
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** {@code text} escaped and truncated, so that hostile values cannot forge log lines or messages. */
    static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        var out = new StringBuilder(80);
        int i = 0;
        for (; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out.append("...").toString() : out.toString();
    }

    static String printable(String text) {
        return text == null ? "null" : '"' + escaped(text) + '"';
    }

    private void requireOneKindOfApplicationRestriction() {
        var kinds = new ArrayList<String>();
        if (!allowedIps.isEmpty()) {
            kinds.add("allowedIps");
        }
        if (!allowedReferrers.isEmpty()) {
            kinds.add("allowedReferrers");
        }
        if (!androidApps.isEmpty()) {
            kinds.add("androidApps");
        }
        if (!iosBundleIds.isEmpty()) {
            kinds.add("iosBundleIds");
        }
        if (kinds.size() > 1) {
            String all = String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1);
            throw invalid("restrictions: only one kind of application restriction may be set, but " + all + " are set.");
        }
    }

    private static ApiTarget validTarget(String field, ApiTarget target) {
        String service = text(field + ".service", target.service(), SERVICE,
                "a service name (a lower-case letter, then lower-case letters, digits or '-')");
        return new ApiTarget(service, each(field + ".methods", target.methods(),
                (methodField, method) -> text(methodField, method, METHOD, "a method id such as posts.get")));
    }

    private static String validIp(String field, String ip) {
        text(field, ip, null, null);
        try {
            return Cidr.parse(ip).toString();
        } catch (IllegalArgumentException e) {
            throw invalid("restrictions." + field + ": " + e.getMessage() + ".");
        }
    }

    private static String validReferrer(String field, String pattern) {
        text(field, pattern, null, null);
        try {
            return ReferrerPattern.parse(pattern).toString();
        } catch (IllegalArgumentException e) {
            throw invalid("restrictions." + field + ": " + e.getMessage() + ".");
        }
    }

    private static AndroidApp validAndroidApp(String field, AndroidApp app) {
        String packageName = text(field + ".packageName", app.packageName(), ANDROID_PACKAGE,
                "an Android package name such as com.example.app");
        String fingerprint = normalizeFingerprint(text(field + ".sha1Fingerprint", app.sha1Fingerprint(), null, null));
        if (fingerprint == null) {
            throw invalid("restrictions." + field + ".sha1Fingerprint: " + printable(app.sha1Fingerprint())
                    + " is not a SHA-1 fingerprint (40 hex digits, optionally in colon-separated pairs).");
        }
        return new AndroidApp(packageName, fingerprint);
    }

    /** {@code value} if it is present, short enough and, when a syntax is given, matches it. */
    private static String text(String field, String value, Pattern syntax, String description) {
        if (value == null || value.isEmpty()) {
            throw invalid("restrictions." + field + " must not be empty.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid("restrictions." + field + " is longer than " + MAX_VALUE_LENGTH + " characters.");
        }
        if (syntax != null && !syntax.matcher(value).matches()) {
            throw invalid("restrictions." + field + ": " + printable(value) + " is not " + description + ".");
        }
        return value;
    }

    private static <T, R> List<R> each(String field, List<T> values, BiFunction<String, T, R> check) {
        if (values.size() > MAX_ENTRIES) {
            throw invalid("restrictions." + field + " has " + values.size() + " entries; at most " + MAX_ENTRIES + " are allowed.");
        }
        var out = new ArrayList<R>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String entry = field + "[" + i + "]";
            T value = values.get(i);
            if (value == null) {
                throw invalid("restrictions." + entry + " must not be null.");
            }
            out.add(check.apply(entry, value));
        }
        return out;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static ApiException invalid(String message) {
        return ApiError.INVALID_ARGUMENT.exception(message);
    }
}
