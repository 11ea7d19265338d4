package dev.tollgate.core.user;

import dev.tollgate.core.serviceaccount.ServiceAccountDomain;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The email addresses Tollgate accepts for people, in their one stored form: trimmed, brought to
 * Unicode NFKC (so full-width and other compatibility spellings become the ASCII they stand for),
 * lower case.
 *
 * <p>The syntax is a deliberate subset of RFC 5321: dot-atoms of letters, digits and {@code ._%+-}
 * before the {@code @}, DNS labels after it. It is the set that IAM member strings
 * ({@code user:EMAIL}) accept, so that every person can be made a project member; quoted local
 * parts, IP literals and non-ASCII domains (use their punycode form) are refused.
 *
 * <p>{@link #requirePerson} also refuses the addresses reserved for service accounts: those in
 * {@link ServiceAccountDomain}, in any spelling, and those whose local part routes mail there
 * (percent-encoded {@code @}, or the {@code user%host@relay} percent hack).
 */
public final class EmailAddress {
    /** RFC 5321's limit on a path, less the angle brackets. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    /** What {@code dev.tollgate.core.principal.Member} accepts after the {@code @}. */
    private static final int MAX_DOMAIN_LENGTH = 190;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9_%+-]+(\\.[a-z0-9_%+-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private EmailAddress() {}

    /** The stored form of {@code input}, or {@link AccountProblem#EMAIL_INVALID}. */
    public static String normalize(String input) {
        return parse(input).orElseThrow(AccountProblem.EMAIL_INVALID::exception);
    }

    /**
     * The stored form of {@code input} for a person, or {@link AccountProblem#EMAIL_INVALID}, or
     * {@link AccountProblem#EMAIL_RESERVED} when the address belongs to the service-account domain.
     */
    public static String requirePerson(String input) {
        String email = normalize(input);
        if (isReservedForServiceAccounts(email)) {
            throw AccountProblem.EMAIL_RESERVED.exception();
        }
        return email;
    }

    /**
     * Whether a stored-form address belongs to service accounts: its domain is in
     * {@link ServiceAccountDomain}, or its local part, percent-decoded, names such a domain after an
     * {@code @} or a {@code %} (mail relays that honour the percent hack deliver it there).
     */
    public static boolean isReservedForServiceAccounts(String email) {
        int at = email.lastIndexOf('@');
        if (ServiceAccountDomain.contains(email.substring(at + 1))) {
            return true;
        }
        String local = email.substring(0, Math.max(at, 0));
        for (int round = 0; round < 3 && local.indexOf('%') >= 0; round++) {
            String[] hops = percentDecoded(local).split("[@%]", -1);
            for (int i = 1; i < hops.length; i++) {
                if (ServiceAccountDomain.contains(hops[i])) {
                    return true;
                }
            }
            local = percentDecoded(local);
        }
        return false;
    }

    private static String percentDecoded(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray % that starts no escape: the text means itself.
            return text;
        }
    }

    /** The stored form of {@code input}, or empty when it is not an address Tollgate accepts. */
    public static Optional<String> parse(String input) {
        // Checked before any normalisation runs, so that hostile megabyte inputs cost nothing.
        if (input == null || input.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String email = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_LENGTH || email.length() - at - 1 > MAX_DOMAIN_LENGTH) {
            return Optional.empty();
        }
        if (!LOCAL.matcher(email).region(0, at).matches() || !DOMAIN.matcher(email).region(at + 1, email.length()).matches()) {
            return Optional.empty();
        }
        return Optional.of(email);
    }
}
