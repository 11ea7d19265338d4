package dev.tollgate.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferrerPatternTest {

    @ParameterizedTest(name = "{0} allows {1}")
    @CsvSource({
            // A host without a path allows every path on it, as Google documents.
            "example.com, https://example.com/",
            "example.com, http://example.com/",
            "example.com, https://example.com",
            "example.com, https://example.com/any/path?q=1#fragment",
            "example.com, https://EXAMPLE.com./",
            "example.com, https://example.com:443/",
            "EXAMPLE.COM, https://example.com/",
            "www.example.com/*, https://www.example.com/",
            "www.example.com/*, http://www.example.com/a/b",
            "*.example.com, https://www.example.com/",
            "*.example.com, https://a.b.example.com/x",
            "*.example.com, https://WWW.Example.Com./",
            "*.example.com/*, https://app.example.com/page",
            "https://example.com/path/*, https://example.com/path/",
            "https://example.com/path/*, https://example.com/path/deeper/page.html",
            "https://example.com/path/*, https://example.com/other/../path/x",
            "https://example.com/path, https://example.com/path",
            "https://example.com/path, https://example.com/path?ignored=query",
            "example.com/, https://example.com",
            "http://localhost:8080/*, http://localhost:8080/app",
            "example.com:8000/*, http://example.com:8000/",
            "example.com:8000/*, https://example.com:8000/",
            "https://example.com:443/*, https://example.com/",
            "http://127.0.0.1:8080/*, http://127.0.0.1:8080/x",
            "http://[::1]:8080/*, http://[::1]:8080/",
            "http://[::1]:8080/*, http://[0:0:0:0:0:0:0:1]:8080/",
            "bücher.example, https://xn--bcher-kva.example/",
            "bücher.example, https://bücher.example/",
            "bücher.example, https://BÜCHER.example/",
            "xn--bcher-kva.example, https://bücher.example/",
            "*.bücher.example, https://shop.xn--bcher-kva.example/",
            "HTTPS://Example.com/Path/*, https://example.com/Path/x",
            // An ideographic full stop is a dot to IDNA, so this host is a subdomain like any other.
            "*.example.com, https://a\u3002example.com/",
    })
    void referrerWithinThePatternIsAllowed(String pattern, String referrer) {
        assertThat(ReferrerPattern.parse(pattern).matches(referrer)).isTrue();
    }

    @ParameterizedTest(name = "{0} blocks {1}")
    @CsvSource({
            "example.com, https://www.example.com/",
            "example.com, https://evilexample.com/",
            "example.com, https://example.com.evil.net/",
            "example.com, https://example.com:8443/",
            "example.com, http://example.com:443/",
            "example.com, https://user@example.com/",
            "example.com, https://example.com@evil.net/",
            "example.com, ftp://example.com/",
            "example.com, ws://example.com/",
            "www.example.com/*, https://example.com/",
            "https://example.com/path/*, https://example.com/path",
            "https://example.com/path/*, https://example.com/pathology",
            "https://example.com/path/*, http://example.com/path/x",
            "https://example.com/path/*, https://example.com/path/../admin",
            "https://example.com/path/*, https://example.com/PATH/x",
            "https://example.com/path, https://example.com/path/",
            "https://example.com/path, https://example.com/path/more",
            "example.com/, https://example.com/x",
            "http://localhost:8080/*, http://localhost/",
            "http://localhost:8080/*, https://localhost:8080/",
            "http://localhost:8080/*, http://localhost:8081/",
            "example.com:8000/*, http://example.com/",
            "http://127.0.0.1:8080/*, http://127.0.0.2:8080/",
            "http://[::1]:8080/*, http://[::2]:8080/",
            "bücher.example, https://bucher.example/",
    })
    void referrerOutsideThePatternIsBlocked(String pattern, String referrer) {
        assertThat(ReferrerPattern.parse(pattern).matches(referrer)).isFalse();
    }

    @ParameterizedTest(name = "*.example.com blocks {0}")
    @ValueSource(strings = {
            "https://example.com/",
            "https://evilexample.com/",
            "https://evil-example.com/",
            "https://example.com.evil.net/",
            "https://a.example.com.evil.net/",
            "https://example.com@evil.net/",
            "https://a.example.com@evil.net/",
            "https://a.example.com:x@evil.net/",
            "https://evil.net/example.com",
            "https://evil.net/.example.com",
            "https://evil.net/?r=a.example.com",
            "https://evil.net#a.example.com",
            "https://example.com%2eevil.net/",
            "https://a.example.com%2eevil.net/",
            "https://evil.net%2ea.example.com/",
            "https://evil.net%00.example.com/",
            "https://evil.net\\.example.com/",
            "https://.example.com/",
            "https://a..example.com/",
            "https://a.example.com\u0000.evil.net/",
            "https://a.example.co/",
            "https://a.example.comm/",
            "evil.net/example.com",
            "a.example.com",
            "//a.example.com/",
            "/a.example.com",
    })
    void referrerWithWildcardWhenSuffixLooksAlikeThenBlocked(String referrer) {
        assertThat(ReferrerPattern.parse("*.example.com").matches(referrer)).isFalse();
        assertThat(ReferrerPattern.parse("*.example.com/*").matches(referrer)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "null", "about:blank", "javascript:alert(1)//example.com", "file:///etc/passwd", "data:text/html,example.com",
            "https:example.com", "https:///path", "https://", "//example.com/", "/path", "example.com", "example.com/*",
            "https://exa mple.com/", "https://example.com/\r\nX-Evil: 1", "https://exa_mple.com/",
            "https://example.com:0/", "https://example.com:99999/", "https://example.com:-1/",
    })
    void referrerThatIsNotAnAbsoluteHttpUrlIsBlocked(String referrer) {
        assertThat(ReferrerPattern.parse("example.com").matches(referrer)).isFalse();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "HTTPS://WWW.Example.COM/Path/*, https://www.example.com/Path/*",
            "bücher.example, xn--bcher-kva.example",
            "*.Bücher.example/*, *.xn--bcher-kva.example/*",
            "example.com., example.com",
            "http://[0:0::1]:8080, http://[::1]:8080",
            "localhost:8080/*, localhost:8080/*",
    })
    void patternIsWrittenInCanonicalForm(String pattern, String canonical) {
        assertThat(ReferrerPattern.parse(pattern).toString()).isEqualTo(canonical);
        assertThat(ReferrerPattern.parse(canonical)).isEqualTo(ReferrerPattern.parse(pattern));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "*", "*/*", "**", "*.*", "https://*", "https://*/*", "*.com", "*.com/*", "*.localhost", "*example.com",
            "*example.com/*", "ex*ample.com", "example.*.com", "example.com*", "*.*.example.com", "example.com/*/x",
            "example.com/a*b", "example.com/**", "ftp://example.com", "javascript:alert(1)", "file:///etc/passwd",
            "http:/example.com", "https://", "://example.com", "example.com?x=1", "example.com/#f", "user@example.com",
            "https://user:pw@example.com/*", " example.com", "example.com ", "exa mple.com", "example.com\n",
            "example.com\r\nX-Evil: 1", "example.com:0", "example.com:65536", "example.com:08", "example.com:",
            "example.com:*", "example.com:80:80", "exa_mple.com", "-example.com", "example-.com", "a..b", ".example.com",
            "example..com", "10.0.0.010", "256.1.1.1", "1.2.3", "[::1", "[zz::1]", "[1.2.3.4]", "[::1%lo]",
            "*.10.0.0.1", "*.[::1]", "example.com/ü", "example.com/%zz", "example.com/%2", "example.com/a b",
            "example.com/\\", "exa\u200bmple.com", "example.com\u202e", "example.com\u0000", "example.com%2eevil.net",
            "\uff0a.example.com", "example.com/\ud800",
    })
    void invalidPatternIsRejected(String pattern) {
        assertThatThrownBy(() -> ReferrerPattern.parse(pattern)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 250})
    void tooLongLabelOrPatternIsRejected(int labelLength) {
        assertThatThrownBy(() -> ReferrerPattern.parse("a".repeat(labelLength) + ".com"))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferrerPattern.parse("example.com/" + "a".repeat(ReferrerPattern.MAX_LENGTH)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*/*"})
    void wildcardForEveryHostIsRejectedAsTooBroad(String pattern) {
        assertThatThrownBy(() -> ReferrerPattern.parse(pattern)).hasMessageContaining("too broad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*example.com", "*example.com/*"})
    void wildcardWithoutDotIsRejectedBecauseItWouldMatchLookalikes(String pattern) {
        assertThatThrownBy(() -> ReferrerPattern.parse(pattern)).hasMessageContaining("evilexample.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com\r\nX-Evil: 1", "\u0000"})
    void rejectionMessageEscapesControlCharacters(String pattern) {
        assertThatThrownBy(() -> ReferrerPattern.parse(pattern))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u0000"));
    }

    @ParameterizedTest
    @ValueSource(ints = {4097, 100_000})
    void overlongReferrerIsBlocked(int length) {
        String referrer = "https://example.com/" + "a".repeat(length);
        assertThat(ReferrerPattern.parse("example.com").matches(referrer)).isFalse();
    }
}
