package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The records server and client both speak: written and read back they are equal, and they read the
 * documents Google and Tollgate actually send, so the two sides cannot drift apart.
 */
class WireRecordsRoundTripTest {
    // Both sides read leniently (a newer server may add members); the round trip must hold all the same.
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static Stream<Object> records() {
        return Stream.of(
                new TokenResponse("at", "Bearer", 3599, "posts calendar", "rt", "id.token.jwt"),
                TokenResponse.bearer("at", 3600, Scopes.of("posts")),
                new OAuthErrorBody("invalid_grant", "Token has been expired or revoked."),
                ApiErrorBody.of(ApiError.RATE_LIMIT_EXCEEDED.exception("Quota exceeded")),
                new ServiceAccountKeyFile("service_account", "p1", "kid", "-----BEGIN PRIVATE KEY-----\n...", "robot@p1.iam",
                        "123", "https://t/o/oauth2/auth", "https://t/token", "https://t/oauth2/v1/certs", "https://t/robot/x509"),
                new AuthorizedUserFile("authorized_user", "c.apps", "secret", "rt"),
                new ClientSecretFile(null, new ClientSecretFile.Details("c.apps", "p1", "https://t/o/oauth2/auth", "https://t/token",
                        "https://t/oauth2/v1/certs", null, List.of("http://localhost"), null)),
                new DeviceAuthorizationResponse("dc", "ABCD-EFGH", "https://t/device", "https://t/device", "https://t/device?user_code=ABCD-EFGH", 1800, 5),
                new TokenInfo("c", "c", "u", "posts", "1796122800", "3599", "a@example.com", "true", "offline"),
                new TokenInfo("c", "c", "u", "posts", "1796122800", "3599", null, null, "online"),
                new ProviderMetadata("https://t", "https://t/o/oauth2/auth", "https://t/device/code", "https://t/token", "https://t/v1/userinfo",
                        "https://t/revoke", "https://t/introspect", "https://t/oauth2/v3/certs", List.of("code"), List.of("query"),
                        List.of("public"), List.of("RS256"), List.of("openid", "posts"), List.of("none"), List.of("RS256"), List.of("none"),
                        List.of("client_secret_basic"), List.of("sub"), List.of("S256"), List.of("authorization_code"), List.of("consent"), true),
                new JsonWebKeySet(List.of(new JsonWebKeySet.Key("RSA", "sig", "k1", "RS256", "n-value", "AQAB"))));
    }

    @ParameterizedTest
    @MethodSource("records")
    void writtenThenReadIsTheSameRecord(Object record) throws Exception {
        String json = MAPPER.writeValueAsString(record);
        assertThat(MAPPER.readValue(json, record.getClass())).isEqualTo(record);
    }

    @Test
    void tokenResponseUsesTheRfcMemberNamesAndLeavesOutWhatItLacks() throws Exception {
        JsonNode json = MAPPER.valueToTree(TokenResponse.bearer("at", 3600, Scopes.of("posts")));
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("access_token", "token_type", "expires_in", "scope");
    }

    @Test
    void googlesDeviceAnswerWithOnlyVerificationUrlNamesThePage() throws Exception {
        var answer = MAPPER.readValue("{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_url\":\"https://www.google.com/device\","
                + "\"expires_in\":1800,\"interval\":5}", DeviceAuthorizationResponse.class);
        assertThat(answer.page()).isEqualTo("https://www.google.com/device");
    }

    @Test
    void apiErrorBodyReadsGooglesShapeWithItsErrorInfo() throws Exception {
        var body = MAPPER.readValue("""
                {"error":{"code":403,"message":"API key not valid.","status":"PERMISSION_DENIED",
                 "errors":[{"message":"API key not valid.","domain":"global","reason":"forbidden"}],
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com",
                   "metadata":{"service":"posts"}}]}}""", ApiErrorBody.class);
        assertThat(body.error().details().get(0).reason()).isEqualTo("API_KEY_INVALID");
        assertThat(body.error().details().get(0).metadata()).isEqualTo(Map.of("service", "posts"));
    }

    @Test
    void jwksFindsAKeyById() {
        var set = new JsonWebKeySet(List.of(new JsonWebKeySet.Key("RSA", "sig", "k1", "RS256", "n", "AQAB")));
        assertThat(set.find("k1")).isPresent();
        assertThat(set.find("k2")).isEmpty();
        assertThat(set.find(null)).isEmpty();
    }
}
