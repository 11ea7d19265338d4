package dev.tollgate.core.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;

/** An API key's allowed referrers (written by the project owner) and the Referer header of each call. */
class ReferrerPatternFuzzTest {

    private static final ReferrerPattern DEFAULT = ReferrerPattern.parse("*.example.com/app/*");

    /**
     * Property: a pattern either parses or is refused with IllegalArgumentException; a parsed one
     * prints in a canonical form that parses to an equal pattern printing the same, so what the
     * admin API shows is exactly what is enforced; it has no query, fragment or user information.
     */
    @FuzzTest
    void patternParsesToACanonicalFormOrIsRefused(byte[] data) {
        String text = FuzzInput.text(data);
        ReferrerPattern pattern;
        try {
            pattern = ReferrerPattern.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        String canonical = pattern.toString();
        ReferrerPattern again = ReferrerPattern.parse(canonical);
        assertThat(again).isEqualTo(pattern);
        assertThat(again.toString()).isEqualTo(canonical);
        assertThat(canonical).doesNotContain("?", "#");
        String afterScheme = withoutScheme(canonical);
        assertThat(afterScheme.indexOf('/') < 0 ? afterScheme : afterScheme.substring(0, afterScheme.indexOf('/')))
                .as("authority of %s", canonical).doesNotContain("@");
    }

    /**
     * Input: a pattern line (a default one if invalid), then a Referer header. Property: matching
     * never throws; a referrer that matches is an absolute http(s) URL without user information whose
     * host is the pattern's host, or for "*." a proper subdomain of it (never the bare domain, never
     * a name that merely ends with the same letters), and matches the canonical pattern the same way.
     */
    @FuzzTest
    void matchingReferrerHasThePatternsHost(byte[] data) {
        String[] parts = FuzzInput.twoParts(data);
        ReferrerPattern pattern = patternOrDefault(parts[0]);
        String referer = parts[1];
        boolean matches = pattern.matches(referer);
        assertThat(ReferrerPattern.parse(pattern.toString()).matches(referer)).isEqualTo(matches);
        if (!matches) {
            return;
        }
        ReferrerPattern.Referrer parsed = ReferrerPattern.Referrer.parse(referer);
        assertThat(parsed).isNotNull();
        assertThat(parsed.scheme()).isIn("http", "https");
        String canonical = pattern.toString();
        String afterScheme = withoutScheme(canonical);
        int end = indexOfAny(afterScheme);
        String hostPart = afterScheme.substring(0, end);
        if (hostPart.startsWith("*.")) {
            String domain = hostPart.substring(2);
            assertThat(parsed.host()).endsWith("." + domain).isNotEqualTo(domain);
        } else {
            assertThat(parsed.host()).isEqualTo(hostPart);
        }
    }

    /** A canonical pattern without its scheme, if it has one ("://" may also occur in its path). */
    private static String withoutScheme(String canonical) {
        for (String scheme : new String[] {"http://", "https://"}) {
            if (canonical.startsWith(scheme)) {
                return canonical.substring(scheme.length());
            }
        }
        return canonical;
    }

    /** End of the host in a canonical pattern: a port colon (outside brackets) or the path. */
    private static int indexOfAny(String afterScheme) {
        int start = afterScheme.startsWith("[") ? afterScheme.indexOf(']') + 1 : 0;
        for (int i = start; i < afterScheme.length(); i++) {
            if (afterScheme.charAt(i) == ':' || afterScheme.charAt(i) == '/') {
                return i;
            }
        }
        return afterScheme.length();
    }

    private static ReferrerPattern patternOrDefault(String text) {
        try {
            return ReferrerPattern.parse(text);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
