package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsArgon2idPhcStringThatVerifiesOnlyTheSamePassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("pw")).isNotEqualTo(hasher.hash("pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA", "$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$aGFzaA"})
    void malformedStoredHashNeverVerifies(String stored) {
        assertThat(hasher.verify("pw", stored)).isFalse();
    }
}
