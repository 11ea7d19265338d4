package dev.tollgate.core.user;

/**
 * What a new password must be: 8 to 1024 characters (code points, so that a password of emoji
 * counts what the person typed), without control characters or broken UTF-16. Nothing else: no
 * composition rules, which NIST SP 800-63B advises against.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {}

    /** Throws the {@link AccountProblem} that {@code password} breaks, if any. */
    public static void requireAcceptable(String password) {
        if (password == null || password.isEmpty()) {
            throw AccountProblem.PASSWORD_TOO_SHORT.exception();
        }
        if (password.length() > 2 * MAX_LENGTH) {
            throw AccountProblem.PASSWORD_TOO_LONG.exception();
        }
        int codePoints = 0;
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            // A code point in the surrogate range is half of a pair whose other half is missing.
            if (Character.isISOControl(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                throw AccountProblem.PASSWORD_INVALID_CHARACTERS.exception();
            }
            i += Character.charCount(cp);
            codePoints++;
        }
        if (codePoints < MIN_LENGTH) {
            throw AccountProblem.PASSWORD_TOO_SHORT.exception();
        }
        if (codePoints > MAX_LENGTH) {
            throw AccountProblem.PASSWORD_TOO_LONG.exception();
        }
    }

    /**
     * Whether a password offered at sign-in is worth hashing. Longer ones cannot be right (no
     * accepted password is longer) and are refused without spending Argon2 on them. Existing
     * passwords that predate the policy (a short TOLLGATE_ADMIN_PASSWORD) still sign in.
     */
    public static boolean worthChecking(String password) {
        return password != null && !password.isEmpty() && password.length() <= 2 * MAX_LENGTH;
    }
}
