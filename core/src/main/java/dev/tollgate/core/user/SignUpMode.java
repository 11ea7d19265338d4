package dev.tollgate.core.user;

import java.util.Locale;

/** Whether anyone may create an account at {@code /signup}, or only the administrator through the admin API. */
public enum SignUpMode {
    OPEN, CLOSED;

    /** Reads {@code open} or {@code closed}, in any case. */
    public static SignUpMode parse(String text) {
        if (text != null) {
            for (SignUpMode mode : values()) {
                if (mode.name().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("sign-up must be 'open' or 'closed', not '" + text + "'");
    }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
