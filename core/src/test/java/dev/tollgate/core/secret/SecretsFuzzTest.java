package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;
import java.util.zip.CRC32;

/** Presented API keys and bearer tokens are checked by {@link Secrets#isWellFormed} before any lookup. */
class SecretsFuzzTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * Property: for any presented string and every kind, the check never throws, and it accepts a
     * string only if it has the kind's prefix, an underscore, 38 base62 characters and the CRC-32 of
     * the rest in its last six; the stored hash of anything is 43 base64url characters.
     */
    @FuzzTest
    void presentedStringIsAcceptedOnlyWithPrefixAlphabetAndChecksum(byte[] data) {
        String candidate = FuzzInput.text(data);
        for (SecretKind kind : SecretKind.values()) {
            boolean accepted = Secrets.isWellFormed(kind, candidate);
            assertThat(accepted).as("accepted %s as %s", candidate, kind).isEqualTo(wellFormedBySpec(kind, candidate));
        }
        assertThat(Secrets.hash(candidate)).matches("[A-Za-z0-9_-]{43}");
    }

    /**
     * Property: changing, adding or removing one character of a well-formed secret never leaves it
     * well-formed, so a typo or a forged variant is refused without a database lookup.
     */
    @FuzzTest
    void oneCharacterEditOfAWellFormedSecretIsRefused(byte[] data) {
        if (data.length < 4) {
            return;
        }
        SecretKind kind = SecretKind.values()[Byte.toUnsignedInt(data[0]) % SecretKind.values().length];
        String body = kind.prefix() + "_" + randomPart(data);
        String secret = body + checksum(body);
        assertThat(Secrets.isWellFormed(kind, secret)).isTrue();
        int at = Byte.toUnsignedInt(data[1]) % (secret.length() + 1);
        char replacement = (char) Byte.toUnsignedInt(data[2]);
        String edited = switch (Byte.toUnsignedInt(data[3]) % 3) {
            case 0 -> at == secret.length() ? secret + replacement
                    : secret.substring(0, at) + replacement + secret.substring(at + 1);
            case 1 -> secret.substring(0, at) + replacement + secret.substring(at);
            default -> at == secret.length() ? secret.substring(0, at - 1) : secret.substring(0, at) + secret.substring(at + 1);
        };
        if (!edited.equals(secret)) {
            for (SecretKind any : SecretKind.values()) {
                assertThat(Secrets.isWellFormed(any, edited)).as("edited %s", edited).isFalse();
            }
        }
    }

    /** 32 base62 characters taken from the fuzz input (repeated as needed). */
    private static String randomPart(byte[] data) {
        var sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(BASE62.charAt(Byte.toUnsignedInt(data[(4 + i) % data.length]) % 62));
        }
        return sb.toString();
    }

    private static boolean wellFormedBySpec(SecretKind kind, String s) {
        int length = kind.prefix().length() + 1 + 38;
        if (s.length() != length || !s.startsWith(kind.prefix() + "_")) {
            return false;
        }
        for (int i = kind.prefix().length() + 1; i < length; i++) {
            if (BASE62.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return s.substring(length - 6).equals(checksum(s.substring(0, length - 6)));
    }

    /** The documented checksum: CRC-32 of the ASCII text before it, as six base62 digits. */
    private static String checksum(String body) {
        var crc = new CRC32();
        for (int i = 0; i < body.length(); i++) {
            crc.update(body.charAt(i));
        }
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
