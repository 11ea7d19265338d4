package dev.tollgate.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.core.cache.Invalidation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidationCodecTest {
    static Stream<Invalidation> everyKind() {
        return Stream.of(new Invalidation.ApiKey("k3yHash_-"), new Invalidation.AccessTokensRevoked("SOURCE", "family:f|1", 1_764_669_600_123_456L, 1_764_673_200_123L),
                new Invalidation.Project("my-first-app"), new Invalidation.AllTokens(), new Invalidation.AllKeys(), new Invalidation.OAuthClients(),
                new Invalidation.ServiceAccounts());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyKindOfInvalidationReadsBackAsWritten(Invalidation invalidation) {
        InvalidationCodec.Message message = InvalidationCodec.decode(InvalidationCodec.encode("node-1", invalidation));

        assertThat(message.nodeId()).isEqualTo("node-1");
        assertThat(message.invalidation()).isEqualTo(invalidation);
    }

    @Test
    void theTextIsShortAndReadable() {
        assertThat(InvalidationCodec.encode("n1", new Invalidation.AccessTokensRevoked("CLIENT", "app", 5, 7)))
                .isEqualTo("tg1|n1|revoked|CLIENT|5|7|app");
        assertThat(InvalidationCodec.encode("n1", new Invalidation.AllKeys())).isEqualTo("tg1|n1|all-keys|");
    }

    @Test
    void aValueMayContainTheSeparator() {
        Invalidation odd = new Invalidation.Project("a|b");
        assertThat(InvalidationCodec.decode(InvalidationCodec.encode("n1", odd)).invalidation()).isEqualTo(odd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "tg1", "tg1|n1|key", "tg2|n1|key|abc", "tg1||key|abc", "tg1|n1|spoon|abc",
            "tg1|n1|key|", "tg1|n1|project|", "tg1|n1|all-keys|abc", "tg1|n1|token|abc", "tg1|n1|revoked|", "tg1|n1|revoked|CLIENT|5|7",
            "tg1|n1|revoked|CLIENT|x|7|app", "tg1|n1|revoked|CLIENT|5||app", "tg1|n1|revoked||5|7|app"})
    void anythingElseIsRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> InvalidationCodec.decode(text));
    }

    @Test
    void aNodeIdCannotContainTheSeparator() {
        assertThatIllegalArgumentException().isThrownBy(() -> InvalidationCodec.checkNodeId("a|b"));
        assertThatIllegalArgumentException().isThrownBy(() -> InvalidationCodec.checkNodeId(""));
    }
}
