package dev.tollgate.core.principal;

import dev.tollgate.protocol.ApiError;
import java.util.regex.Pattern;

/** A project member as IAM names one: {@code user:EMAIL} or {@code serviceAccount:EMAIL}. */
public record Member(Kind kind, String email) {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}");

    public enum Kind {
        USER("user"), SERVICE_ACCOUNT("serviceAccount");
        final String prefix;
        Kind(String prefix) { this.prefix = prefix; }
    }

    public static Member user(String email) { return new Member(Kind.USER, email); }

    public static Member serviceAccount(String email) { return new Member(Kind.SERVICE_ACCOUNT, email); }

    public static Member parse(String text) {
        if (text != null) {
            int colon = text.indexOf(':');
            if (colon > 0) {
                String prefix = text.substring(0, colon);
                String email = text.substring(colon + 1);
                for (Kind k : Kind.values()) {
                    if (k.prefix.equals(prefix) && EMAIL.matcher(email).matches()) {
                        return new Member(k, email.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        throw ApiError.INVALID_ARGUMENT.exception("Invalid member: expected user:EMAIL or serviceAccount:EMAIL.");
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + email;
    }
}
