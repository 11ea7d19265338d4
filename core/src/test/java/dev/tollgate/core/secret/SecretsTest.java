package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @EnumSource(SecretKind.class)
    void generatedSecretIsWellFormedForItsKindOnly(SecretKind kind) {
        String secret = Secrets.generate(kind);
        assertThat(secret).startsWith(kind.prefix() + "_").hasSize(kind.prefix().length() + 39);
        assertThat(Secrets.isWellFormed(kind, secret)).isTrue();
        for (SecretKind other : SecretKind.values()) {
            if (other != kind) {
                assertThat(Secrets.isWellFormed(other, secret)).as(other.name()).isFalse();
            }
        }
    }

    @Test
    void anySingleCharacterChangeIsCaughtByTheChecksum() {
        String secret = Secrets.generate(SecretKind.API_KEY);
        for (int i = 4; i < secret.length(); i++) {
            char original = secret.charAt(i);
            char replacement = original == 'a' ? 'b' : 'a';
            String changed = secret.substring(0, i) + replacement + secret.substring(i + 1);
            assertThat(Secrets.isWellFormed(SecretKind.API_KEY, changed)).as("position " + i).isFalse();
        }
    }

    @Test
    void swappedNeighboursAreCaughtByTheChecksum() {
        String secret = Secrets.generate(SecretKind.ACCESS_TOKEN);
        int caught = 0;
        int tried = 0;
        for (int i = 4; i < secret.length() - 1; i++) {
            if (secret.charAt(i) == secret.charAt(i + 1)) {
                continue;
            }
            tried++;
            String swapped = secret.substring(0, i) + secret.charAt(i + 1) + secret.charAt(i) + secret.substring(i + 2);
            if (!Secrets.isWellFormed(SecretKind.ACCESS_TOKEN, swapped)) {
                caught++;
            }
        }
        assertThat(caught).isEqualTo(tried);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tgk_", "tgk", "TGK_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "tgk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "tgk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "tgk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u00e9", "tgk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
            "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "tgk_\u0000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void malformedStringsAreRejectedWithoutAnyLookup(String candidate) {
        assertThat(Secrets.isWellFormed(SecretKind.API_KEY, candidate)).isFalse();
    }

    @Test
    void nullIsNotWellFormed() {
        assertThat(Secrets.isWellFormed(SecretKind.API_KEY, null)).isFalse();
    }

    @Test
    void secretsAreDistinctAndHashesAreStableAndDistinct() {
        var seen = new HashSet<String>();
        var hashes = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String s = Secrets.generate(SecretKind.REFRESH_TOKEN);
            assertThat(seen.add(s)).isTrue();
            assertThat(Secrets.hash(s)).isEqualTo(Secrets.hash(s)).hasSize(43).doesNotContain(s);
            hashes.add(Secrets.hash(s));
        }
        assertThat(hashes).hasSize(1000);
    }
}
