package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GatewayQueryTest {
    @ParameterizedTest
    @ValueSource(strings = {"key", "k%65y", "%6Bey", "%6b%65%79", "ke%79"})
    void keyInAnySpellingIsReadAndStripped(String name) {
        GatewayQuery q = GatewayQuery.parse("a=1&" + name + "=AIzaX&b=%20");
        assertThat(q.key()).contains("AIzaX");
        assertThat(q.forwarded()).isEqualTo("a=1&b=%20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY", "Key", "key2", "ke+y", "xkey"})
    void otherNamesAreNeitherReadNorStripped(String name) {
        GatewayQuery q = GatewayQuery.parse(name + "=v");
        assertThat(q.key()).isEmpty();
        assertThat(q.forwarded()).isEqualTo(name + "=v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_token", "oauth_token", "access%5Ftoken", "%61ccess_token"})
    void tokensAreReadAndStripped(String name) {
        GatewayQuery q = GatewayQuery.parse(name + "=ya29.x&z=9");
        assertThat(q.accessToken()).contains("ya29.x");
        assertThat(q.forwarded()).isEqualTo("z=9");
    }

    @Test
    void keySentTwiceInTwoSpellingsIsRefused() {
        assertThatThrownBy(() -> GatewayQuery.parse("key=a&k%65y=b").key()).isInstanceOf(ApiException.class);
    }

    @Test
    void tokenSentTwiceInTwoSpellingsIsRefused() {
        assertThatThrownBy(() -> GatewayQuery.parse("access_token=a&oauth_token=b").accessToken()).isInstanceOf(ApiException.class);
    }

    @Test
    void quotaUserIsBoundedAndStripped() {
        GatewayQuery q = GatewayQuery.parse("quota%55ser=alice&x=1");
        assertThat(q.quotaUser()).contains("alice");
        assertThat(q.forwarded()).isEqualTo("x=1");
        assertThatThrownBy(() -> GatewayQuery.parse("quotaUser=" + "a".repeat(41)).quotaUser()).isInstanceOf(ApiException.class);
        assertThat(GatewayQuery.parse("quotaUser=" + "a".repeat(40)).quotaUser()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k%6=v", "%=v", "a=%zz", "key=%"})
    void malformedEncodingIsA400(String query) {
        assertThatThrownBy(() -> GatewayQuery.parse(query)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error().httpStatus()).isEqualTo(400));
    }

    @Test
    void bareKeyWithoutValueIsStrippedToo() {
        GatewayQuery q = GatewayQuery.parse("key&a=1");
        assertThat(q.forwarded()).isEqualTo("a=1");
    }
}
