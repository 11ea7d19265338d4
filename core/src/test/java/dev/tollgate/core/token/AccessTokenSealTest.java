package dev.tollgate.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.Scopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccessTokenSealTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123456789Z");
    private final MasterKey masterKey = MasterKey.generate();
    private final AccessTokenSeal seal = AccessTokenSeal.derivedFrom(masterKey);

    private AccessTokenSeal.Sealed person(String source) {
        return seal.seal(AccessToken.SubjectKind.USER, "108234", "alice@example.com", "1-app.apps.tollgate", "shop-app",
                Scopes.of("openid", "email", "calendar"), NOW, NOW.plus(Duration.ofHours(1)), source);
    }

    @Test
    void aTokenOpensToTheRecordItWasMintedWithToTheMicrosecond() {
        var sealed = person("family:f1");
        AccessToken opened = seal.open(sealed.token()).orElseThrow();
        assertThat(opened).isEqualTo(sealed.record());
        assertThat(opened.issueTime()).isEqualTo(Instant.parse("2026-12-02T10:00:00.123456Z"));
        assertThat(opened.expireTime()).isEqualTo(Instant.parse("2026-12-02T11:00:00.123Z"));
        assertThat(opened.source()).isEqualTo("family:f1");
        assertThat(opened.scopes()).isEqualTo(Scopes.of("calendar", "email", "openid"));
    }

    @Test
    void absentFieldsStayAbsent() {
        var sealed = seal.seal(AccessToken.SubjectKind.SERVICE_ACCOUNT, "42", null, null, "shop-app", Scopes.EMPTY,
                NOW, NOW.plusSeconds(60), null);
        assertThat(seal.open(sealed.token())).contains(sealed.record());
        assertThat(sealed.record().email()).isNull();
        assertThat(sealed.record().source()).isNull();
    }

    @Test
    void everyTokenIsDifferentAndHasItsOwnId() {
        var tokens = IntStream.range(0, 100).mapToObj(i -> person(null)).toList();
        assertThat(tokens.stream().map(AccessTokenSeal.Sealed::token).distinct()).hasSize(100);
        assertThat(tokens.stream().map(t -> t.record().tokenId()).distinct()).hasSize(100);
    }

    @Test
    void aTokenShowsItsHolderNothingOfWhomItSpeaksFor() {
        String token = person("family:f1").token();
        byte[] body = Base64.getUrlDecoder().decode(token.substring(4, token.length() - 6));
        String asText = new String(body, StandardCharsets.ISO_8859_1);
        for (String secret : new String[] {"alice@example.com", "108234", "1-app.apps.tollgate", "shop-app", "calendar", "family:f1"}) {
            assertThat(asText).doesNotContain(secret);
            assertThat(token).doesNotContain(secret);
        }
    }

    @Test
    void everyNodeWithTheSameMasterKeyOpensItAndNoOtherKeyDoes() {
        String token = person(null).token();
        assertThat(AccessTokenSeal.derivedFrom(MasterKey.parse(masterKey.encoded())).open(token)).isPresent();
        assertThat(AccessTokenSeal.derivedFrom(MasterKey.generate()).open(token)).isEmpty();
    }

    @Test
    void changingAnyCharacterOfTheBodyEvenWithAFreshChecksumOpensNothing() {
        String token = person("family:f1").token();
        String body = token.substring(0, token.length() - 6);
        for (int at = 4; at < body.length(); at++) {
            for (char c : new char[] {'A', 'z', '-', '_'}) {
                if (body.charAt(at) == c) {
                    continue;
                }
                var changed = new StringBuilder(body.substring(0, at)).append(c).append(body, at + 1, body.length());
                Secrets.appendChecksum(changed);
                assertThat(AccessTokenSeal.isWellFormed(changed.toString())).isTrue();
                assertThat(seal.open(changed.toString())).as("changed at %d to %s", at, c).isEmpty();
            }
        }
    }

    @Test
    void aTokenWithAHundredLongScopesStillFitsAndOpens() {
        var scopes = Scopes.of(IntStream.range(0, 100).mapToObj(i -> "https://www.googleapis.com/auth/api" + i + ".readonly").toList());
        var sealed = seal.seal(AccessToken.SubjectKind.USER, "108234", "alice@example.com", "1-app.apps.tollgate", "shop-app",
                scopes, NOW, NOW.plus(Duration.ofHours(1)), "family:" + "f".repeat(43));
        assertThat(sealed.token().length()).isLessThanOrEqualTo(AccessTokenSeal.MAX_LENGTH);
        assertThat(seal.open(sealed.token())).contains(sealed.record());
    }

    @Test
    void anOrdinaryTokenIsAFewHundredCharactersOfOneAlphabet() {
        String token = person("family:" + "f".repeat(43)).token();
        assertThat(token).matches("tga_[A-Za-z0-9_-]{150,400}[A-Za-z0-9]{6}");
    }
}
