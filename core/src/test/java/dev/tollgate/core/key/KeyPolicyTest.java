package dev.tollgate.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.key.KeyRestrictions.AndroidApp;
import dev.tollgate.core.key.KeyRestrictions.ApiTarget;
import dev.tollgate.core.net.IpLiteral;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPolicyTest {
    private static final String APP_FINGERPRINT = "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09";
    private static final String OTHER_FINGERPRINT = "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67";

    private static CallOrigin fromAddress(String address) {
        return new CallOrigin(IpLiteral.parse(address), null, null, null, null);
    }

    private static CallOrigin fromReferer(String referer) {
        return new CallOrigin(IpLiteral.parse("203.0.113.9"), referer, null, null, null);
    }

    private static CallOrigin fromAndroid(String packageName, String cert) {
        return new CallOrigin(IpLiteral.parse("203.0.113.9"), null, packageName, cert, null);
    }

    private static CallOrigin fromIos(String bundleId) {
        return new CallOrigin(IpLiteral.parse("203.0.113.9"), null, null, null, bundleId);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBlocked(
            KeyPolicy policy, String service, String method, CallOrigin origin, ApiError expected) {
        return assertThatThrownBy(() -> policy.check(service, method, origin))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    @Test
    void keyWithoutRestrictionsCompilesToTheSharedUnrestrictedPolicy() {
        assertThat(KeyPolicy.compile(KeyRestrictions.NONE)).isSameAs(KeyPolicy.UNRESTRICTED);
        assertThat(KeyPolicy.compile(null)).isSameAs(KeyPolicy.UNRESTRICTED);
        assertThat(KeyPolicy.compile(new KeyRestrictions(List.of(), List.of(), List.of(), List.of(), List.of())))
                .isSameAs(KeyPolicy.UNRESTRICTED);
    }

    @Test
    void unrestrictedPolicyAllowsEveryCallEvenWithoutOrigin() {
        assertThatCode(() -> KeyPolicy.UNRESTRICTED.check("posts", "posts.get", null)).doesNotThrowAnyException();
        assertThatCode(() -> KeyPolicy.UNRESTRICTED.check(null, null, fromReferer(null))).doesNotThrowAnyException();
    }

    @Test
    void invalidRestrictionsDoNotCompile() {
        assertThatThrownBy(() -> KeyPolicy.compile(KeyRestrictionsTest.referrers("*")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @Test
    void serviceTargetAllowsEveryMethodOfThatServiceOnly() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.targets(new ApiTarget("posts", null)));

        assertThatCode(() -> policy.check("posts", "posts.get", null)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("posts", "posts.insert", null)).doesNotThrowAnyException();
        assertBlocked(policy, "calendar", "calendar.events.list", null, ApiError.API_KEY_SERVICE_BLOCKED)
                .hasMessage("Requests to this API calendar method calendar.events.list are blocked.");
        assertBlocked(policy, null, null, null, ApiError.API_KEY_SERVICE_BLOCKED);
    }

    @Test
    void methodTargetAllowsThoseMethodsOnly() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.targets(
                new ApiTarget("posts", List.of("posts.get")), new ApiTarget("posts", List.of("posts.list"))));

        assertThatCode(() -> policy.check("posts", "posts.get", null)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("posts", "posts.list", null)).doesNotThrowAnyException();
        assertBlocked(policy, "posts", "posts.insert", null, ApiError.API_KEY_SERVICE_BLOCKED);
        assertBlocked(policy, "posts", null, null, ApiError.API_KEY_SERVICE_BLOCKED);
        assertBlocked(policy, "calendar", "posts.get", null, ApiError.API_KEY_SERVICE_BLOCKED);
    }

    @Test
    void wholeServiceTargetWinsOverAMethodTargetForTheSameService() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.targets(
                new ApiTarget("posts", List.of("posts.get")), new ApiTarget("posts", null)));
        assertThatCode(() -> policy.check("posts", "posts.insert", null)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"203.0.113.7", "198.51.100.0", "198.51.100.255", "2001:db8::1", "::ffff:203.0.113.7"})
    void callFromAllowedAddressPasses(String address) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.ips("203.0.113.7", "198.51.100.0/24", "2001:db8::/32"));
        assertThatCode(() -> policy.check("posts", "posts.get", fromAddress(address))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"203.0.113.9", "198.51.101.0", "2001:db9::1", "::1"})
    void callFromOtherAddressIsBlockedNamingTheAddress(String address) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.ips("203.0.113.7", "198.51.100.0/24", "2001:db8::/32"));
        assertBlocked(policy, "posts", "posts.get", fromAddress(address), ApiError.API_KEY_IP_ADDRESS_BLOCKED)
                .hasMessage("The provided API key has an IP address restriction. The originating IP address of the call ("
                        + address + ") violates this restriction.");
    }

    @Test
    void callWithoutKnownAddressIsBlockedByAnIpRestriction() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.ips("0.0.0.0/0"));
        assertBlocked(policy, "posts", "posts.get", null, ApiError.API_KEY_IP_ADDRESS_BLOCKED).hasMessageContaining("(unknown)");
    }

    @Test
    void callFromAllowedReferrerPasses() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.referrers("https://example.com/app/*", "*.example.org"));
        assertThatCode(() -> policy.check("posts", "posts.get", fromReferer("https://example.com/app/page"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("posts", "posts.get", fromReferer("https://www.example.org/"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void callWithoutRefererIsBlockedAsEmpty(String referer) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.referrers("example.com"));
        assertBlocked(policy, "posts", "posts.get", fromReferer(referer), ApiError.API_KEY_HTTP_REFERRER_BLOCKED)
                .hasMessage("Requests from referer <empty> are blocked.");
    }

    @Test
    void callFromOtherReferrerIsBlockedNamingIt() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.referrers("*.example.com"));
        assertBlocked(policy, "posts", "posts.get", fromReferer("https://evilexample.com/"), ApiError.API_KEY_HTTP_REFERRER_BLOCKED)
                .hasMessage("Requests from referer https://evilexample.com/ are blocked.");
    }

    @Test
    void hostileRefererIsEscapedInTheMessage() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.referrers("example.com"));
        assertBlocked(policy, "posts", "posts.get", fromReferer("https://evil.net/\r\nX-Injected: 1" + "a".repeat(5000)),
                ApiError.API_KEY_HTTP_REFERRER_BLOCKED)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n").hasSizeLessThan(200));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "com.example.app, DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09",
            "com.example.app, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "com.example.app, da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "com.example.other, 0123456789ABCDEF0123456789ABCDEF01234567",
    })
    void callFromAllowedAndroidAppPasses(String packageName, String cert) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.android(
                new AndroidApp("com.example.app", APP_FINGERPRINT), new AndroidApp("com.example.other", OTHER_FINGERPRINT)));
        assertThatCode(() -> policy.check("posts", "posts.get", fromAndroid(packageName, cert))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{0}] [{1}]")
    @CsvSource({
            "com.example.app, ",
            ", DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            ", ",
            "com.example.app, 0123456789ABCDEF0123456789ABCDEF01234567",
            "com.example.other, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "com.evil.app, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "COM.EXAMPLE.APP, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "com.example.app, DA39A3EE5E6B4B0D3255BFEF95601890AFD8070",
            "com.example.app, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709AA",
            "com.example.app, not-a-fingerprint",
    })
    void androidCallNeedsPackageAndCertificateOfOneAllowedApp(String packageName, String cert) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.android(
                new AndroidApp("com.example.app", APP_FINGERPRINT), new AndroidApp("com.example.other", OTHER_FINGERPRINT)));
        assertBlocked(policy, "posts", "posts.get", fromAndroid(packageName, cert), ApiError.API_KEY_ANDROID_APP_BLOCKED)
                .hasMessage("Requests from this Android client application " + (packageName == null ? "<empty>" : packageName)
                        + " are blocked.");
    }

    @Test
    void callFromAllowedIosAppPasses() {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.ios("com.example.App", "com.example.widget"));
        assertThatCode(() -> policy.check("posts", "posts.get", fromIos("com.example.App"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("posts", "posts.get", fromIos("com.example.widget"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"com.example.app", "com.example.App.extension", "com.evil.App", " com.example.App"})
    void callFromOtherIosAppIsBlocked(String bundleId) {
        var policy = KeyPolicy.compile(KeyRestrictionsTest.ios("com.example.App"));
        assertBlocked(policy, "posts", "posts.get", fromIos(bundleId), ApiError.API_KEY_IOS_APP_BLOCKED)
                .hasMessageStartingWith("Requests from this iOS client application ")
                .hasMessageEndingWith(" are blocked.");
    }

    @Test
    void apiTargetIsCheckedBeforeTheApplicationRestriction() {
        var policy = KeyPolicy.compile(new KeyRestrictions(List.of(new ApiTarget("posts", null)),
                List.of("203.0.113.7"), null, null, null));

        assertBlocked(policy, "calendar", "calendar.events.list", fromAddress("198.51.100.1"), ApiError.API_KEY_SERVICE_BLOCKED);
        assertBlocked(policy, "posts", "posts.get", fromAddress("198.51.100.1"), ApiError.API_KEY_IP_ADDRESS_BLOCKED);
        assertThatCode(() -> policy.check("posts", "posts.get", fromAddress("203.0.113.7"))).doesNotThrowAnyException();
    }

    @Test
    void applicationRestrictionWithoutOriginBlocks() {
        assertBlocked(KeyPolicy.compile(KeyRestrictionsTest.referrers("example.com")), "posts", "posts.get", null,
                ApiError.API_KEY_HTTP_REFERRER_BLOCKED);
        assertBlocked(KeyPolicy.compile(KeyRestrictionsTest.ios("com.example")), "posts", "posts.get", null,
                ApiError.API_KEY_IOS_APP_BLOCKED);
        assertBlocked(KeyPolicy.compile(KeyRestrictionsTest.android(new AndroidApp("com.example.app", APP_FINGERPRINT))),
                "posts", "posts.get", null, ApiError.API_KEY_ANDROID_APP_BLOCKED);
    }
}
