package dev.tollgate.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.key.KeyRestrictions.AndroidApp;
import dev.tollgate.core.key.KeyRestrictions.ApiTarget;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyRestrictionsTest {
    private static final String FINGERPRINT = "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09";
    private final ObjectMapper json = new ObjectMapper();

    static KeyRestrictions targets(ApiTarget... targets) {
        return new KeyRestrictions(Arrays.asList(targets), null, null, null, null);
    }

    static KeyRestrictions ips(String... ips) {
        return new KeyRestrictions(null, Arrays.asList(ips), null, null, null);
    }

    static KeyRestrictions referrers(String... referrers) {
        return new KeyRestrictions(null, null, Arrays.asList(referrers), null, null);
    }

    static KeyRestrictions android(AndroidApp... apps) {
        return new KeyRestrictions(null, null, null, Arrays.asList(apps), null);
    }

    static KeyRestrictions ios(String... bundleIds) {
        return new KeyRestrictions(null, null, null, null, Arrays.asList(bundleIds));
    }

    private static List<String> times(int count, String value) {
        return Collections.nCopies(count, value);
    }

    @Test
    void missingListsAreEmpty() {
        var restrictions = new KeyRestrictions(null, null, null, null, null);
        assertThat(restrictions).isEqualTo(KeyRestrictions.NONE);
        assertThat(restrictions.apiTargets()).isEmpty();
        assertThat(restrictions.allowedIps()).isEmpty();
        assertThat(restrictions.allowedReferrers()).isEmpty();
        assertThat(restrictions.androidApps()).isEmpty();
        assertThat(restrictions.iosBundleIds()).isEmpty();
        assertThat(new ApiTarget("posts", null).methods()).isEmpty();
    }

    @Test
    void listsAreCopiedSoLaterChangesToTheSourceDoNotLeakIn() {
        var ips = new ArrayList<>(List.of("203.0.113.7"));
        var restrictions = new KeyRestrictions(null, ips, null, null, null);
        ips.add("198.51.100.1");
        assertThat(restrictions.allowedIps()).containsExactly("203.0.113.7");
        assertThatThrownBy(() -> restrictions.allowedIps().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noRestrictionsAreValid() {
        assertThat(KeyRestrictions.NONE.validate()).isEqualTo(KeyRestrictions.NONE);
    }

    @Test
    void validateWritesValuesInCanonicalForm() {
        assertThat(ips("2001:DB8::/32", "203.0.113.7/32").validate().allowedIps())
                .containsExactly("2001:db8::/32", "203.0.113.7");
        assertThat(referrers("HTTPS://Bücher.Example/*").validate().allowedReferrers())
                .containsExactly("https://xn--bcher-kva.example/*");
        assertThat(android(new AndroidApp("com.example.app", "da39a3ee5e6b4b0d3255bfef95601890afd80709")).validate().androidApps())
                .containsExactly(new AndroidApp("com.example.app", FINGERPRINT));
        assertThat(android(new AndroidApp("com.example.app", FINGERPRINT.toLowerCase())).validate().androidApps())
                .containsExactly(new AndroidApp("com.example.app", FINGERPRINT));
        assertThat(targets(new ApiTarget("posts", null), new ApiTarget("calendar", List.of("calendar.events.list")))
                .validate().apiTargets())
                .containsExactly(new ApiTarget("posts", List.of()), new ApiTarget("calendar", List.of("calendar.events.list")));
    }

    @Test
    void apiTargetsCombineWithAnyOneKindOfApplicationRestriction() {
        var target = List.of(new ApiTarget("posts", null));
        assertThat(new KeyRestrictions(target, List.of("203.0.113.7"), null, null, null).validate().allowedIps()).hasSize(1);
        assertThat(new KeyRestrictions(target, null, null, null, List.of("com.example.App")).validate().iosBundleIds()).hasSize(1);
    }

    @Test
    void limitsAreInclusive() {
        assertThat(ips(times(100, "203.0.113.7").toArray(String[]::new)).validate().allowedIps()).hasSize(100);
        assertThat(ios("a".repeat(256)).validate().iosBundleIds()).hasSize(1);
    }

    static Stream<Arguments> invalidRestrictions() {
        String longText = "a".repeat(257);
        return Stream.of(
                Arguments.of("IPs and referrers", new KeyRestrictions(null, List.of("203.0.113.7"), List.of("example.com"), null, null), "allowedIps and allowedReferrers"),
                Arguments.of("Android and iOS", new KeyRestrictions(null, null, null, List.of(new AndroidApp("com.example.app", FINGERPRINT)), List.of("com.example")), "androidApps and iosBundleIds"),
                Arguments.of("every kind", new KeyRestrictions(null, List.of("203.0.113.7"), List.of("example.com"), List.of(new AndroidApp("com.example.app", FINGERPRINT)), List.of("com.example")), "allowedIps, allowedReferrers, androidApps and iosBundleIds are set"),

                Arguments.of("101 targets", new KeyRestrictions(Collections.nCopies(101, new ApiTarget("posts", null)), null, null, null, null), "restrictions.apiTargets has 101 entries"),
                Arguments.of("null target", targets((ApiTarget) null), "restrictions.apiTargets[0] must not be null"),
                Arguments.of("null service", targets(new ApiTarget(null, null)), "restrictions.apiTargets[0].service"),
                Arguments.of("empty service", targets(new ApiTarget("", null)), "restrictions.apiTargets[0].service"),
                Arguments.of("upper-case service", targets(new ApiTarget("Posts", null)), "\"Posts\""),
                Arguments.of("service with digit first", targets(new ApiTarget("1posts", null)), "\"1posts\""),
                Arguments.of("service with underscore", targets(new ApiTarget("posts_v1", null)), "\"posts_v1\""),
                Arguments.of("service with NUL", targets(new ApiTarget("posts\u0000", null)), "\"posts\\u0000\""),
                Arguments.of("service with Cyrillic o", targets(new ApiTarget("p\u043ests", null)), "apiTargets[0].service"),
                Arguments.of("long service", targets(new ApiTarget(longText, null)), "longer than 256"),
                Arguments.of("null method", targets(new ApiTarget("posts", Arrays.asList("posts.get", null))), "restrictions.apiTargets[0].methods[1] must not be null"),
                Arguments.of("method with space", targets(new ApiTarget("posts", List.of("posts get"))), "\"posts get\""),
                Arguments.of("101 methods", targets(new ApiTarget("posts", times(101, "posts.get"))), "apiTargets[0].methods has 101 entries"),
                Arguments.of("second target bad", targets(new ApiTarget("posts", null), new ApiTarget("bad name", null)), "apiTargets[1].service"),

                Arguments.of("101 IPs", ips(times(101, "203.0.113.7").toArray(String[]::new)), "allowedIps has 101 entries"),
                Arguments.of("null IP", ips("203.0.113.7", null), "restrictions.allowedIps[1] must not be null"),
                Arguments.of("empty IP", ips(""), "restrictions.allowedIps[0] must not be empty"),
                Arguments.of("host name as IP", ips("localhost"), "\"localhost\""),
                Arguments.of("prefix out of range", ips("10.0.0.0/33"), "\"10.0.0.0/33\""),
                Arguments.of("host bits set", ips("10.0.0.1/8"), "10.0.0.0/8"),
                Arguments.of("leading zero", ips("010.0.0.1"), "allowedIps[0]"),
                Arguments.of("fullwidth digits", ips("\uff11.\uff12.\uff13.\uff14"), "allowedIps[0]"),
                Arguments.of("IP with newline", ips("203.0.113.7\n"), "allowedIps[0]"),
                Arguments.of("long IP", ips("1".repeat(300)), "longer than 256"),

                Arguments.of("101 referrers", referrers(times(101, "example.com").toArray(String[]::new)), "allowedReferrers has 101 entries"),
                Arguments.of("null referrer", referrers((String) null), "restrictions.allowedReferrers[0] must not be null"),
                Arguments.of("bare wildcard", referrers("*"), "too broad"),
                Arguments.of("lookalike wildcard", referrers("*example.com"), "evilexample.com"),
                Arguments.of("referrer with CRLF", referrers("example.com\r\nX-Evil: 1"), "allowedReferrers[0]"),
                Arguments.of("referrer with query", referrers("example.com/?a=b"), "queries"),
                Arguments.of("long referrer", referrers("example.com/" + longText), "longer than 256"),

                Arguments.of("101 Android apps", android(Collections.nCopies(101, new AndroidApp("com.example.app", FINGERPRINT)).toArray(AndroidApp[]::new)), "androidApps has 101 entries"),
                Arguments.of("null Android app", android((AndroidApp) null), "restrictions.androidApps[0] must not be null"),
                Arguments.of("null package", android(new AndroidApp(null, FINGERPRINT)), "androidApps[0].packageName must not be empty"),
                Arguments.of("one-segment package", android(new AndroidApp("example", FINGERPRINT)), "\"example\""),
                Arguments.of("package with digit first", android(new AndroidApp("com.1example", FINGERPRINT)), "\"com.1example\""),
                Arguments.of("package with trailing dot", android(new AndroidApp("com.example.", FINGERPRINT)), "androidApps[0].packageName"),
                Arguments.of("package with umlaut", android(new AndroidApp("com.exämple", FINGERPRINT)), "androidApps[0].packageName"),
                Arguments.of("package with newline", android(new AndroidApp("com.example\n", FINGERPRINT)), "\"com.example\\u000a\""),
                Arguments.of("long package", android(new AndroidApp("com." + longText, FINGERPRINT)), "longer than 256"),
                Arguments.of("null fingerprint", android(new AndroidApp("com.example.app", null)), "androidApps[0].sha1Fingerprint must not be empty"),
                Arguments.of("non-hex fingerprint", android(new AndroidApp("com.example.app", "zz".repeat(20))), "androidApps[0].sha1Fingerprint"),
                Arguments.of("short fingerprint", android(new AndroidApp("com.example.app", "a".repeat(39))), "androidApps[0].sha1Fingerprint"),
                Arguments.of("long fingerprint", android(new AndroidApp("com.example.app", "a".repeat(41))), "androidApps[0].sha1Fingerprint"),
                Arguments.of("SHA-256 fingerprint", android(new AndroidApp("com.example.app", "a".repeat(64))), "androidApps[0].sha1Fingerprint"),
                Arguments.of("misplaced colons", android(new AndroidApp("com.example.app", "DA39:A3" + FINGERPRINT.substring(7))), "androidApps[0].sha1Fingerprint"),
                Arguments.of("fullwidth hex", android(new AndroidApp("com.example.app", "\uff10".repeat(40))), "androidApps[0].sha1Fingerprint"),

                Arguments.of("101 iOS apps", ios(times(101, "com.example").toArray(String[]::new)), "iosBundleIds has 101 entries"),
                Arguments.of("null bundle id", ios((String) null), "restrictions.iosBundleIds[0] must not be null"),
                Arguments.of("empty bundle id", ios(""), "iosBundleIds[0] must not be empty"),
                Arguments.of("bundle id with space", ios("com.example app"), "\"com.example app\""),
                Arguments.of("bundle id with slash", ios("com.example/app"), "iosBundleIds[0]"),
                Arguments.of("Cyrillic bundle id", ios("\u043a\u043b\u044e\u0447"), "iosBundleIds[0]"),
                Arguments.of("bundle id with RLO", ios("com.example\u202e"), "iosBundleIds[0]"),
                Arguments.of("long bundle id", ios(longText), "longer than 256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRestrictions")
    void invalidRestrictionIsRejectedAsInvalidArgumentNamingTheField(String why, KeyRestrictions restrictions, String expectedInMessage) {
        assertThatThrownBy(restrictions::validate)
                .isExactlyInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).error()).isEqualTo(ApiError.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains(expectedInMessage).hasSizeLessThan(400)
                            .doesNotContain("\r", "\n", "\u0000", "\u202e");
                });
    }

    @Test
    void restrictionsSurviveAJsonRoundTrip() throws Exception {
        var restrictions = new KeyRestrictions(
                List.of(new ApiTarget("posts", List.of("posts.get")), new ApiTarget("calendar", List.of())),
                null, null, List.of(new AndroidApp("com.example.app", FINGERPRINT)), null);

        String text = json.writeValueAsString(restrictions);

        assertThat(json.readValue(text, KeyRestrictions.class)).isEqualTo(restrictions);
    }

    @Test
    void jsonUsesTheContractFieldNames() throws Exception {
        var restrictions = new KeyRestrictions(List.of(new ApiTarget("posts", List.of("posts.get"))),
                List.of("203.0.113.7"), List.of("example.com"), List.of(new AndroidApp("com.example.app", FINGERPRINT)),
                List.of("com.example"));

        JsonNode tree = json.valueToTree(restrictions);

        assertThat(fieldNames(tree)).containsExactlyInAnyOrder(
                "apiTargets", "allowedIps", "allowedReferrers", "androidApps", "iosBundleIds");
        assertThat(fieldNames(tree.get("apiTargets").get(0))).containsExactlyInAnyOrder("service", "methods");
        assertThat(fieldNames(tree.get("androidApps").get(0))).containsExactlyInAnyOrder("packageName", "sha1Fingerprint");
    }

    @Test
    void contractRequestBodyReadsWithMissingAndNullListsAsEmpty() throws Exception {
        String body = """
                {"apiTargets":[{"service":"posts"}],"allowedIps":null,"allowedReferrers":[],
                 "androidApps":[{"packageName":"com.example.app","sha1Fingerprint":"da39a3ee5e6b4b0d3255bfef95601890afd80709"}]}""";

        KeyRestrictions restrictions = json.readValue(body, KeyRestrictions.class);

        assertThat(restrictions.apiTargets()).containsExactly(new ApiTarget("posts", List.of()));
        assertThat(restrictions.allowedIps()).isEmpty();
        assertThat(restrictions.iosBundleIds()).isEmpty();
        assertThat(restrictions.validate().androidApps().get(0).sha1Fingerprint()).isEqualTo(FINGERPRINT);
    }

    @Test
    void jsonWithNullEntriesReadsAndIsThenRejectedByValidate() throws Exception {
        KeyRestrictions restrictions = json.readValue("{\"allowedIps\":[\"203.0.113.7\",null]}", KeyRestrictions.class);

        assertThatThrownBy(restrictions::validate)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT))
                .hasMessageContaining("allowedIps[1]");
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
