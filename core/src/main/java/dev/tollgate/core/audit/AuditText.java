package dev.tollgate.core.audit;

import java.util.regex.Pattern;

/**
 * What a text field of the log may hold: bounded, printable, and never a Tollgate secret. Callers
 * record names and ids only; this is the second line, for an id field that someone filled with a
 * key string or token by mistake (say {@code DELETE …/keys/tgk_…}). Anything shaped like one of
 * Tollgate's secrets is redacted, valid or not: one with a typo is still most of a secret.
 */
public final class AuditText {
    public static final String REDACTED = "[redacted]";
    /**
     * The shape of every {@code SecretKind}: a three-letter prefix, '_', then base62, or base64url for
     * access tokens ({@code AccessTokenSeal}), whose '-' and '_' must not end the match halfway.
     */
    private static final Pattern SECRET_SHAPED = Pattern.compile("tg[a-z]_[0-9A-Za-z_-]{16,}");

    private AuditText() {}

    public static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        // Redacted before it is cut, so that no cut leaves a secret's head behind.
        String redacted = redactSecrets(text.length() > 4 * maxLength ? text.substring(0, 4 * maxLength) : text);
        String bounded = redacted.length() > maxLength ? redacted.substring(0, maxLength) : redacted;
        var sb = new StringBuilder(bounded.length());
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    static String redactSecrets(String text) {
        return text.indexOf('_') < 0 ? text : SECRET_SHAPED.matcher(text).replaceAll(REDACTED);
    }
}
