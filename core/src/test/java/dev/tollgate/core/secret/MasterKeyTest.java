package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {
    private static final byte[] SECRET = "a private key, PKCS#8 in real life".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedValueOpensWithTheSameKeyAndNameOnly() {
        MasterKey key = MasterKey.generate();
        String sealed = key.seal(SECRET, "kid-1");
        assertThat(key.open(sealed, "kid-1")).isEqualTo(SECRET);
        assertThat(sealed).startsWith("v1.").doesNotContain(Base64.getEncoder().encodeToString(SECRET));
        assertThat(MasterKey.isSealed(sealed)).isTrue();
    }

    @Test
    void everySealingUsesAFreshNonce() {
        MasterKey key = MasterKey.generate();
        var seen = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            assertThat(seen.add(key.seal(SECRET, "kid-1"))).isTrue();
        }
        var nonces = new HashSet<String>();
        for (String sealed : seen) {
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(Base64.getDecoder().decode(sealed.substring(3)), 12)));
        }
        assertThat(nonces).hasSize(200);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        String sealed = MasterKey.generate().seal(SECRET, "kid-1");
        assertThatThrownBy(() -> MasterKey.generate().open(sealed, "kid-1")).isInstanceOf(SealBrokenException.class);
    }

    @Test
    void aValueMovedToAnotherNameDoesNotOpen() {
        MasterKey key = MasterKey.generate();
        String sealed = key.seal(SECRET, "kid-1");
        for (String other : new String[] {"kid-2", "KID-1", "kid-1 ", "", "kid-"}) {
            assertThatThrownBy(() -> key.open(sealed, other)).as(other).isInstanceOf(SealBrokenException.class);
        }
    }

    @Test
    void anyChangedByteIsRefused() {
        MasterKey key = MasterKey.generate();
        String sealed = key.seal(SECRET, "kid-1");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        // Every byte: the nonce, the ciphertext and the tag.
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String tampered = "v1." + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> key.open(tampered, "kid-1")).as("byte %d", i).isInstanceOf(SealBrokenException.class);
        }
    }

    @Test
    void truncatedExtendedOrMalformedValuesAreRefused() {
        MasterKey key = MasterKey.generate();
        String sealed = key.seal(SECRET, "kid-1");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        String[] variants = {
            "v1." + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length - 1)),
            "v1." + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length + 1)),
            "v1." + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 20)),
            "v1.", "v1.!!!", "v2." + sealed.substring(3), sealed.substring(3), "", Base64.getEncoder().encodeToString(SECRET)
        };
        for (String v : variants) {
            assertThatThrownBy(() -> key.open(v, "kid-1")).as(v).isInstanceOf(SealBrokenException.class);
        }
        assertThatThrownBy(() -> key.open(null, "kid-1")).isInstanceOf(SealBrokenException.class);
    }

    @Test
    void keyMaterialRoundTripsThroughItsBase64InEitherAlphabetAndWithWhiteSpace() {
        MasterKey key = MasterKey.generate();
        String sealed = key.seal(SECRET, "kid-1");
        byte[] raw = Base64.getDecoder().decode(key.encoded());
        for (String material : new String[] {key.encoded(), "  " + key.encoded() + "\n", Base64.getUrlEncoder().encodeToString(raw),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\r\n"}) {
            assertThat(MasterKey.parse(material).open(sealed, "kid-1")).as(material).isEqualTo(SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not base64 at all!", "AAAA", "c2hvcnQ=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void materialThatIsNotThirtyTwoBytesOfBase64IsRefusedWithoutEchoingIt(String material) {
        assertThatThrownBy(() -> MasterKey.parse(material)).isInstanceOf(IllegalArgumentException.class)
                .message().satisfies(m -> {
                    if (!material.isBlank() && material.length() > 6) {
                        assertThat(m).doesNotContain(material);
                    }
                });
    }

    @Test
    void itsTextNeverShowsTheKey() {
        MasterKey key = MasterKey.generate();
        assertThat(key.toString()).doesNotContain(key.encoded()).doesNotContain(key.encoded().substring(0, 8));
    }
}
