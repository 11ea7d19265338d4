package dev.tollgate.core.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The email addresses Tollgate accepts for people, in their one stored form: trimmed, lower case.
 *
 * <p>The syntax is a deliberate subset of RFC 5321: dot-atoms of letters, digits and {@code ._%+-}
 * before the {@code @}, DNS labels after it. It is the set that IAM member strings
 * ({@code user:EMAIL}) accept, so that every person can be made a project member; quoted local
 * parts, IP literals and non-ASCII domains (use their punycode form) are refused.
 */
public final class EmailAddress {
    /** RFC 5321's limit on a path, less the angle brackets. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    /** What {@code dev.tollgate.core.project.Member} accepts after the {@code @}. */
    private static final int MAX_DOMAIN_LENGTH = 190;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9_%+-]+(\\.[a-z0-9_%+-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private EmailAddress() {}

    /** The stored form of {@code input}, or {@link AccountProblem#EMAIL_INVALID}. */
    public static String normalize(String input) {
        return parse(input).orElseThrow(AccountProblem.EMAIL_INVALID::exception);
    }

    /** The stored form of {@code input}, or empty when it is not an address Tollgate accepts. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String email = input.strip().toLowerCase(Locale.ROOT);
        // Checked before any pattern runs, so that hostile megabyte inputs cost nothing.
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
