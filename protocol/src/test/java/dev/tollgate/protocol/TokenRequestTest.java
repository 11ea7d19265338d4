package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenRequestTest {

    private static FormBody form(String... pairs) {
        var map = new HashMap<String, List<String>>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return new FormBody(map);
    }

    static Stream<TokenRequest> requests() {
        return Stream.of(
                new TokenRequest.JwtBearer("a.b.c", Scopes.EMPTY),
                new TokenRequest.JwtBearer("a.b.c", Scopes.of("posts", "calendar")),
                new TokenRequest.ClientCredentials(new ClientAuth.PrivateKeyJwt(Optional.of("123"), "x.y.z"), Scopes.of("posts")),
                new TokenRequest.ClientCredentials(new ClientAuth.PrivateKeyJwt(Optional.empty(), "x.y.z"), Scopes.EMPTY),
                new TokenRequest.ClientCredentials(new ClientAuth.SecretPost("client", "s3cret"), Scopes.of("admin")));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void toFormThenParseGivesTheSameRequest(TokenRequest request) throws OAuthException {
        assertThat(TokenRequest.parse(new FormBody(request.toForm()), Optional.empty())).isEqualTo(request);
    }

    @Test
    void basicClientAuthenticationIsFormDecoded() throws OAuthException {
        String header = "Basic " + Base64.getEncoder().encodeToString("my%3Aclient:p%40ss".getBytes(StandardCharsets.UTF_8));
        TokenRequest parsed = TokenRequest.parse(form("grant_type", "client_credentials"), Optional.of(header));
        assertThat(((TokenRequest.ClientCredentials) parsed).client()).isEqualTo(new ClientAuth.SecretBasic("my:client", "p@ss"));
    }

    static Stream<Arguments> badForms() {
        return Stream.of(
                Arguments.of(form(), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", "password"), OAuthError.UNSUPPORTED_GRANT_TYPE),
                Arguments.of(form("grant_type", "implicit"), OAuthError.UNSUPPORTED_GRANT_TYPE),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER, "assertion", "a", "assertion", "b"), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER, "grant_type", TokenRequest.JWT_BEARER, "assertion", "a"), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER, "assertion", "x".repeat(FormBody.MAX_VALUE_LENGTH + 1)), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER, "assertion", "a", "scope", "posts\u0000"), OAuthError.INVALID_SCOPE),
                Arguments.of(form("grant_type", TokenRequest.JWT_BEARER, "assertion", "a", "scope", "a\"b"), OAuthError.INVALID_SCOPE),
                Arguments.of(form("grant_type", "client_credentials"), OAuthError.INVALID_CLIENT),
                Arguments.of(form("grant_type", "client_credentials", "client_secret", "s"), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", "client_credentials", "client_assertion", "a.b.c"), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", "client_credentials", "client_assertion_type", "other", "client_assertion", "a"), OAuthError.INVALID_REQUEST),
                Arguments.of(form("grant_type", "client_credentials", "client_id", "a", "client_secret", "s", "client_assertion_type",
                        ClientAuth.CLIENT_ASSERTION_TYPE_JWT, "client_assertion", "a"), OAuthError.INVALID_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("badForms")
    void badFormsGiveTheirOAuthError(FormBody form, OAuthError expected) {
        assertThatThrownBy(() -> TokenRequest.parse(form, Optional.empty()))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        for (String header : new String[] {"Basic !!!", "Basic YWJj", "Bearer x", "Basic "}) {
            assertThatThrownBy(() -> TokenRequest.parse(form("grant_type", "client_credentials"), Optional.of(header)))
                    .as(header).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
        }
    }

    @Test
    void basicAndFormSecretTogetherAreRefused() {
        String header = "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TokenRequest.parse(form("grant_type", "client_credentials", "client_id", "a", "client_secret", "b"), Optional.of(header)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void secretsNeverAppearInToString() throws OAuthException {
        TokenRequest r = new TokenRequest.ClientCredentials(new ClientAuth.SecretPost("client", "s3cret"), Scopes.EMPTY);
        assertThat(r.toString()).doesNotContain("s3cret");
        assertThat(new TokenRequest.JwtBearer("header.payload.signature", Scopes.EMPTY).toString()).doesNotContain("signature");
        assertThat(TokenResponse.bearer("tga_secret", 10, Scopes.EMPTY).toString()).doesNotContain("tga_secret");
    }

    @Test
    void scopesParseIntoASortedSet() throws OAuthException {
        assertThat(Scopes.parse("  posts calendar  posts ").toString()).isEqualTo("calendar posts");
        assertThat(Scopes.parse(null)).isEqualTo(Scopes.EMPTY);
    }
}
