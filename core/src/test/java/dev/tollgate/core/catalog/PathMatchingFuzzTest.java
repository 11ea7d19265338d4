package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Path templates from the catalog and the raw request paths the gateway matches against them. */
class PathMatchingFuzzTest {

    private static final PathTemplate DEFAULT = PathTemplate.parse("/people/{userId}/posts/{postId}");
    private static final ApiCatalog BUILT_IN = CatalogLoader.builtIn();

    /**
     * Property: parsing a template either throws IllegalArgumentException or gives a template that
     * prints as its input, has no empty, '.' or '..' segment, and parses again to an equal template.
     */
    @FuzzTest
    void templateParsesToItselfOrIsRefused(byte[] data) {
        String text = FuzzInput.text(data);
        PathTemplate template;
        try {
            template = PathTemplate.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(template.toString()).isEqualTo(text);
        assertThat(PathTemplate.parse(template.toString())).isEqualTo(template);
        for (String segment : text.substring(1).split("/", -1)) {
            assertThat(segment).isNotIn("", ".", "..");
        }
    }

    /**
     * Input: a template line (the default one if it is not a valid template), then a raw path.
     * Property: matching never throws; a matched path has no empty or dot segment, raw or
     * percent-encoded, its literal segments are the template's, every variable is non-empty text
     * without '/', and encoding the variables back into the template matches to the same values.
     */
    @FuzzTest
    void matchedPathNeverContainsADotSegment(byte[] data) {
        String[] parts = FuzzInput.twoParts(data);
        PathTemplate template = templateOrDefault(parts[0]);
        String path = parts[1];
        Optional<Map<String, String>> match = template.match(path);
        if (match.isEmpty()) {
            return;
        }
        String[] raw = path.substring(1).split("/", -1);
        String[] shape = template.toString().substring(1).split("/", -1);
        assertThat(raw).hasSameSizeAs(shape);
        var rebuilt = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            assertThat(raw[i]).isNotEmpty();
            String decodedForm = raw[i].replace("%2e", ".").replace("%2E", ".");
            assertThat(decodedForm).isNotIn(".", "..");
            if (shape[i].startsWith("{")) {
                String value = match.get().get(shape[i].substring(1, shape[i].length() - 1));
                assertThat(value).isNotEmpty().isNotIn(".", "..").doesNotContain("/");
                rebuilt.append('/').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                assertThat(raw[i]).isEqualTo(shape[i]);
                rebuilt.append('/').append(shape[i]);
            }
        }
        assertThat(template.match(rebuilt.toString())).isEqualTo(match);
    }

    /**
     * Input: "VERB api version path" against the built-in catalog. Property: lookup never throws,
     * and a match is a method of that API and verb whose own template matches the path to the same
     * variables; no method of that verb that sorts before it in specificity also matches.
     */
    @FuzzTest
    void catalogMatchIsTheMethodWhoseTemplateMatches(byte[] data) {
        String[] words = FuzzInput.text(data).split(" ", 4);
        if (words.length < 4) {
            return;
        }
        Optional<MethodMatch> match = BUILT_IN.match(words[1], words[2], words[0], words[3]);
        if (match.isEmpty()) {
            return;
        }
        ApiMethod method = match.get().method();
        assertThat(match.get().api().name()).isEqualTo(words[1]);
        assertThat(match.get().api().version()).isEqualTo(words[2]);
        assertThat(method.httpMethod()).isEqualTo(words[0]);
        assertThat(method.path().match(words[3])).contains(match.get().pathParams());
        for (ApiMethod other : match.get().api().methods()) {
            if (other.httpMethod().equals(words[0]) && other != method
                    && PathTemplate.MOST_SPECIFIC_FIRST.compare(other.path(), method.path()) < 0) {
                assertThat(other.path().match(words[3])).as("more specific %s", other.path()).isEmpty();
            }
        }
    }

    private static PathTemplate templateOrDefault(String text) {
        try {
            return PathTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
