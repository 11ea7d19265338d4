package dev.tollgate.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Opaque secrets of the form {@code PREFIX_RANDOM CHECKSUM}: 32 base62 characters of randomness
 * (190 bits) and a 6-character base62 CRC-32 of everything before it. The checksum lets the
 * gateway refuse a mistyped or forged string without a lookup, and lets scanners find leaked ones.
 * Only the SHA-256 {@link #hash} is ever stored.
 */
public final class Secrets {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int RANDOM_CHARS = 32;
    private static final int CHECKSUM_CHARS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Secrets() {}

    public static String generate(SecretKind kind) {
        var sb = new StringBuilder(kind.prefix().length() + 1 + RANDOM_CHARS + CHECKSUM_CHARS);
        sb.append(kind.prefix()).append('_');
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sb.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        appendChecksum(sb, checksum(sb, sb.length()));
        return sb.toString();
    }

    /** Whether the string has this kind's prefix, length, alphabet and a correct checksum. */
    public static boolean isWellFormed(SecretKind kind, String candidate) {
        String prefix = kind.prefix();
        int expectedLength = prefix.length() + 1 + RANDOM_CHARS + CHECKSUM_CHARS;
        if (candidate == null || candidate.length() != expectedLength
                || !candidate.startsWith(prefix) || candidate.charAt(prefix.length()) != '_') {
            return false;
        }
        for (int i = prefix.length() + 1; i < expectedLength; i++) {
            if (indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        int bodyLength = expectedLength - CHECKSUM_CHARS;
        long expected = checksum(candidate, bodyLength);
        long actual = 0;
        for (int i = bodyLength; i < expectedLength; i++) {
            actual = actual * 62 + indexOf(candidate.charAt(i));
        }
        return actual == expected;
    }

    /** The stored form of a secret: base64url SHA-256, so that a database leak yields no usable secret. */
    public static String hash(String secret) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** A random identifier of {@code bytes} random bytes, hex encoded (for ids that are not secrets). */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** A random decimal string of the given number of digits, not starting with 0. */
    public static String randomDigits(int digits) {
        var sb = new StringBuilder(digits);
        sb.append((char) ('1' + RANDOM.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    /** A random base62 string, for non-secret identifiers and user-facing secrets such as passwords. */
    public static String randomBase62(int chars) {
        var sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return sb.toString();
    }

    /** Appends the 6-character base62 CRC-32 of everything in {@code sb}, for secrets of other shapes. */
    public static void appendChecksum(StringBuilder sb) {
        appendChecksum(sb, checksum(sb, sb.length()));
    }

    /** Whether the last 6 characters are the base62 CRC-32 of everything before them. */
    public static boolean hasValidChecksum(String candidate) {
        int bodyLength = candidate.length() - CHECKSUM_CHARS;
        if (bodyLength < 0) {
            return false;
        }
        long actual = 0;
        for (int i = bodyLength; i < candidate.length(); i++) {
            int digit = indexOf(candidate.charAt(i));
            if (digit < 0) {
                return false;
            }
            actual = actual * 62 + digit;
        }
        return actual == checksum(candidate, bodyLength);
    }

    private static long checksum(CharSequence s, int length) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < length; i++) {
            crc.update(s.charAt(i));
        }
        return crc.getValue();
    }

    private static void appendChecksum(StringBuilder sb, long value) {
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        sb.append(out);
    }

    private static int indexOf(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        if (c >= 'a' && c <= 'z') return c - 'a' + 36;
        return -1;
    }
}
