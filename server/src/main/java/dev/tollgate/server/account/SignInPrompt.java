package dev.tollgate.server.account;

import java.util.Locale;

/**
 * Whether the sign-in page asks for the password even when someone is signed in: OAuth's and
 * OIDC's {@code prompt} values that concern sign-in.
 */
public enum SignInPrompt {
    /** Signed-in people go straight on to the continue URL. */
    NONE,
    /** The sign-in form, with a "Continue as EMAIL" choice ({@code prompt=select_account}). */
    SELECT_ACCOUNT,
    /** The sign-in form: the password must be entered again ({@code prompt=login}). */
    LOGIN;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** Reads a space-separated {@code prompt} list; {@code login} wins over {@code select_account}. */
    public static SignInPrompt parse(String prompt) {
        if (prompt == null) {
            return NONE;
        }
        SignInPrompt result = NONE;
        for (String value : prompt.split(" ")) {
            if (value.equals("login")) {
                return LOGIN;
            }
            if (value.equals("select_account")) {
                result = SELECT_ACCOUNT;
            }
        }
        return result;
    }
}
