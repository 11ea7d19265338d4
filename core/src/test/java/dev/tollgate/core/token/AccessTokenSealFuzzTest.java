package dev.tollgate.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** Every presented bearer token is read by {@link AccessTokenSeal} before anything else looks at it. */
class AccessTokenSealFuzzTest {
    private static final AccessTokenSeal SEAL = AccessTokenSeal.derivedFrom(MasterKey.generate());
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    /**
     * Property: for any presented string, the shape check and opening never throw, and nothing opens:
     * a string that was not sealed with this key (here: any string at all, with or without a correct
     * checksum) is never taken for a token.
     */
    @FuzzTest
    void noPresentedStringOpensAndNoneThrows(byte[] data) {
        String candidate = FuzzInput.text(data);
        AccessTokenSeal.isWellFormed(candidate);
        assertThat(SEAL.open(candidate)).isEmpty();
        var withChecksum = new StringBuilder("tga_").append(Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        Secrets.appendChecksum(withChecksum);
        assertThat(SEAL.open(withChecksum.toString())).isEmpty();
    }

    /**
     * Property: a real token with its sealed bytes changed anywhere (bits flipped, bytes cut or added),
     * and its checksum made right again, opens nothing: the change cannot move a token to another
     * subject, client, project or scope.
     */
    @FuzzTest
    void aChangedTokenOpensNothingEvenWithAFreshChecksum(byte[] data) {
        if (data.length < 3) {
            return;
        }
        String token = SEAL.seal(AccessToken.SubjectKind.USER, "108234", "alice@example.com", "1-app.apps.tollgate", "shop-app",
                Scopes.of("calendar"), NOW, NOW.plusSeconds(3600), "family:f1").token();
        byte[] body = Base64.getUrlDecoder().decode(token.substring(4, token.length() - 6));
        int at = Byte.toUnsignedInt(data[0]) * 256 + Byte.toUnsignedInt(data[1]);
        byte[] changed = switch (data[2] & 3) {
            case 0 -> flip(body, at % body.length, data.length > 3 ? data[3] : 1);
            case 1 -> Arrays.copyOf(body, at % body.length);
            default -> concat(body, Arrays.copyOfRange(data, 3, data.length));
        };
        if (Arrays.equals(changed, body)) {
            return;
        }
        var forged = new StringBuilder("tga_").append(Base64.getUrlEncoder().withoutPadding().encodeToString(changed));
        Secrets.appendChecksum(forged);
        assertThat(SEAL.open(forged.toString())).isEmpty();
    }

    private static byte[] flip(byte[] body, int at, byte mask) {
        byte[] out = body.clone();
        out[at] ^= mask == 0 ? 1 : mask;
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
