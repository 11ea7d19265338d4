package dev.tollgate.protocol.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ClientSecretFile;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API's records: written and read back they are equal, and the JSON the server sends reads into
 * them and writes back to the very same text, so server, library and command line agree on every byte.
 */
class AdminRecordsRoundTripTest {
    private static final KeyRestrictionsResource RESTRICTIONS = new KeyRestrictionsResource(
            List.of(new KeyRestrictionsResource.ApiTarget("posts", List.of("posts.get")), new KeyRestrictionsResource.ApiTarget("calendar", null)),
            null, null, List.of(new KeyRestrictionsResource.AndroidApp("com.example.app", "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09")),
            null);

    static Stream<Object> records() {
        var project = new Project("shop", "123456789012", "Shop", "2026-11-30T10:00:00Z");
        var key = new ApiKeyResource("k1", "projects/shop/keys/k1", "web", RESTRICTIONS, "2026-11-30T10:00:00Z", null);
        var account = new ServiceAccountResource("robot@shop.iam.tollgate", "1049", "Robot", "shop", false);
        var saKey = new ServiceAccountKeyResource("abc", "2026-11-30T10:00:00Z", false, "GOOGLE_PROVIDED");
        var client = new OAuthClientResource("c1.apps", "web", "Shop web", List.of("https://shop.example/cb"), List.of("https://shop.example"),
                "2026-11-30T10:00:00Z");
        var file = new ClientSecretFile(new ClientSecretFile.Details("c1.apps", "shop", "https://t/o/oauth2/auth", "https://t/token",
                "https://t/oauth2/v1/certs", "s3cret", List.of("https://shop.example/cb"), List.of("https://shop.example")), null);
        return Stream.of(
                project, new Project.Page(List.of(project)), new Project.Page(List.of()),
                new ServiceState("posts", "v1", "Posts API", true), new ServiceState.Page(List.of(new ServiceState("posts", "v1", "Posts API", false))),
                key, key.withKeyString("AIzaSyExample"), new ApiKeyResource.Page(List.of(key)), KeyRestrictionsResource.NONE,
                account, new ServiceAccountResource.Page(List.of(account)),
                saKey, saKey.withKeyFile("{\"type\":\"service_account\"}"), new ServiceAccountKeyResource.Page(List.of(saKey)),
                new Member("user:ada@example.com", "owner"), new Member.Page(List.of(new Member("serviceAccount:robot@shop.iam.tollgate", "viewer"))),
                client, client.withSecret("s3cret", file), new OAuthClientResource.Page(List.of(client)),
                new ClientSecretResource("s1", "2026-11-30T10:00:00Z", null), new ClientSecretResource("s1", "2026-11-30T10:00:00Z", "s3cret"),
                new ClientSecretResource.Page(List.of(new ClientSecretResource("s1", "2026-11-30T10:00:00Z", null))),
                new ConsentScreenResource("Shop", "help@shop.example", "https://shop.example"), new ConsentScreenResource("Shop", null, null),
                new QuotaLimit.Page(List.of(new QuotaLimit("posts", "requests-per-minute-per-project", "minute", "project", 600, 1200))),
                new QuotaOverrides(List.of(new QuotaOverrides.Override("posts", "requests-per-day-per-project", 5000L),
                        new QuotaOverrides.Override("posts", "requests-per-minute-per-user", null))),
                new BillingResource(true, "250.00"), new BillingResource(false, null),
                new StatementResource("shop", "2026-11", "USD", List.of(new StatementResource.Line("posts", "posts.get", 1500, 500, 1000, "0.40", "0.20")), "0.20"),
                new UsageRowResource.Page(List.of(
                        new UsageRowResource("posts", "posts.get", 200, new UsageRowResource.Credential("key", "k1"), 50, 1000, 20000,
                                new UsageRowResource.Latency(new BigDecimal("1.500"), new BigDecimal("7.250"), null)),
                        new UsageRowResource(null, null, null, null, 3, 0, 0, null))));
    }

    @ParameterizedTest
    @MethodSource("records")
    void renderedThenParsedIsTheSameRecord(Object record) {
        assertThat(AdminJson.parse(AdminJson.render(record), record.getClass())).isEqualTo(record);
    }

    static Stream<Arguments> serverAnswers() {
        return Stream.of(
                Arguments.of(Project.class, """
                        {"projectId":"shop","projectNumber":"123456789012","displayName":"Shop","createTime":"2026-11-30T10:00:00Z"}"""),
                Arguments.of(ServiceState.Page.class, """
                        {"services":[{"name":"posts","version":"v1","title":"Posts API","enabled":true}]}"""),
                Arguments.of(ApiKeyResource.class, """
                        {"keyId":"k1","name":"projects/shop/keys/k1","displayName":null,"restrictions":{"apiTargets":[{"service":"posts",\
                        "methods":[]}],"allowedIps":["203.0.113.7"],"allowedReferrers":[],"androidApps":[],"iosBundleIds":[]},\
                        "createTime":"2026-11-30T10:00:00Z","keyString":"AIzaSyExample"}"""),
                Arguments.of(ServiceAccountKeyResource.class, """
                        {"keyId":"abc","createTime":"2026-11-30T10:00:00Z","disabled":false,"keyOrigin":"GOOGLE_PROVIDED",\
                        "privateKeyType":"TYPE_GOOGLE_CREDENTIALS_FILE","privateKeyData":"eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0="}"""),
                Arguments.of(ServiceAccountResource.Page.class, """
                        {"serviceAccounts":[{"email":"robot@shop.iam.tollgate","uniqueId":"1049","displayName":"Robot","projectId":"shop",\
                        "disabled":true}]}"""),
                Arguments.of(Member.Page.class, """
                        {"members":[{"member":"user:ada@example.com","role":"owner"}]}"""),
                Arguments.of(OAuthClientResource.class, """
                        {"clientId":"c1.apps","type":"installed","displayName":"CLI","redirectUris":[],"javascriptOrigins":[],\
                        "createTime":"2026-11-30T10:00:00Z"}"""),
                Arguments.of(ConsentScreenResource.class, """
                        {"applicationName":"Shop","homepage":"https://shop.example"}"""),
                Arguments.of(QuotaLimit.Page.class, """
                        {"limits":[{"service":"posts","name":"requests-per-day-per-user","window":"day","per":"user","defaultLimit":10000,\
                        "effectiveLimit":10000}]}"""),
                Arguments.of(BillingResource.class, """
                        {"enabled":true,"monthlyBudget":"250.00"}"""),
                Arguments.of(StatementResource.class, """
                        {"projectId":"shop","month":"2026-11","currency":"USD","lines":[{"service":"posts","method":"posts.get","calls":1500,\
                        "billableCalls":500,"freeCalls":1000,"unitPricePer1000":"0.40","amount":"0.20"}],"total":"0.20"}"""),
                Arguments.of(UsageRowResource.Page.class, """
                        {"rows":[{"service":"posts","status":429,"credential":{"kind":"unrecorded","id":""},"calls":7,"bytesIn":0,\
                        "bytesOut":910,"latencyMillis":{"p50":0.120,"p95":1.500,"p99":2.000}},{"calls":1,"bytesIn":2,"bytesOut":3}]}"""));
    }

    @ParameterizedTest
    @MethodSource("serverAnswers")
    void theServersAnswerReadsAndWritesBackToTheSameText(Class<?> type, String json) {
        assertThat(AdminJson.render(AdminJson.parse(json, type))).isEqualTo(json);
    }

    @Test
    void theCreateAnswersCarryTheirSecretsAndTheOtherAnswersDoNot() {
        var key = new ApiKeyResource("k1", "projects/shop/keys/k1", "web", KeyRestrictionsResource.NONE, "2026-11-30T10:00:00Z", null);
        assertThat(AdminJson.render(key)).doesNotContain("keyString");
        assertThat(AdminJson.render(key.withKeyString("AIza"))).endsWith(",\"keyString\":\"AIza\"}");
        assertThat(key.withKeyString("AIza").toString()).doesNotContain("AIza");

        var saKey = new ServiceAccountKeyResource("abc", "2026-11-30T10:00:00Z", false, "GOOGLE_PROVIDED");
        assertThat(saKey.keyFileJson()).isEmpty();
        assertThat(saKey.withKeyFile("{\"type\":\"service_account\"}").keyFileJson()).contains("{\"type\":\"service_account\"}");
    }

    @Test
    void aMissingListReadsAsEmpty() {
        var restrictions = AdminJson.parse("{\"apiTargets\":[{\"service\":\"posts\"}]}", KeyRestrictionsResource.class);
        assertThat(restrictions.apiTargets().get(0).methods()).isEmpty();
        assertThat(restrictions.allowedIps()).isEmpty();
        assertThat(AdminJson.parse("{}", Project.Page.class).projects()).isEmpty();
    }

    @Test
    void aRemovedOverrideIsWrittenAsNullLimit() {
        assertThat(AdminJson.render(new QuotaOverrides(List.of(new QuotaOverrides.Override("posts", "n", null)))))
                .isEqualTo("{\"overrides\":[{\"service\":\"posts\",\"name\":\"n\",\"limit\":null}]}");
    }

    @Test
    void textThatIsNotTheRecordIsAnIllegalArgument() {
        assertThatThrownBy(() -> AdminJson.parse("[1,2]", Project.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a Project");
    }
}
