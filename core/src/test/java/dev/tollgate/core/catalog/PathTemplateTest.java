package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    private final PathTemplate userPosts = PathTemplate.parse("/people/{userId}/posts");

    @Test
    void matchLiteralTemplateReturnsNoParams() {
        assertThat(PathTemplate.parse("/people/me/posts").match("/people/me/posts")).contains(Map.of());
    }

    @Test
    void matchVariableSegmentReturnsItsValue() {
        assertThat(userPosts.match("/people/12345/posts")).contains(Map.of("userId", "12345"));
    }

    @Test
    void matchSeveralVariablesReturnsEach() {
        PathTemplate template = PathTemplate.parse("/a/{one}/b/{two}/{three}/{four}/{five}");
        assertThat(template.match("/a/1/b/2/3/4/5"))
                .contains(Map.of("one", "1", "two", "2", "three", "3", "four", "4", "five", "5"));
    }

    @Test
    void matchResultIsUnmodifiable() {
        Map<String, String> params = userPosts.match("/people/me/posts").orElseThrow();
        assertThatThrownBy(() -> params.put("userId", "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/people/me/posts/",      // trailing slash
        "people/me/posts",        // no leading slash
        "",                       // nothing after the version
        "/",
        "/people/me",             // too short
        "/people/me/posts/extra", // too long
        "/people//posts",         // empty variable segment
        "//people/me/posts",
        "/people/me//posts",
        "/PEOPLE/me/posts",       // literals are case-sensitive
        "/people/me/post",
        "/people/me/postss",
        "/%70eople/me/posts",     // literals are compared raw, not decoded
    })
    void matchWhenPathDiffersFromTemplateShapeThenNoMatch(String path) {
        assertThat(userPosts.match(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/people/./posts", "/people/../posts", "/people/%2e%2e/posts", "/people/%2E%2E/posts",
        "/people/.%2e/posts", "/people/%2e./posts", "/people/%2e/posts", "/people/%C0%AE%C0%AE/posts"})
    void matchWhenPathHasDotSegmentThenNoMatch(String path) {
        assertThat(userPosts.match(path)).isEmpty();
    }

    @Test
    void matchWhenPathHasDotDotSegmentThenNoMatch() {
        assertThat(PathTemplate.parse("/files/{name}").match("/files/..")).isEmpty();
        assertThat(PathTemplate.parse("/files/{name}").match("/files/%2e%2e")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/people/a%2Fb/posts", "/people/a%2fb/posts", "/people/%2F/posts", "/people/%2F..%2F/posts"})
    void matchWhenVariableHasEncodedSlashThenNoMatch(String path) {
        assertThat(userPosts.match(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/people/%/posts", "/people/%4/posts", "/people/%zz/posts", "/people/a%g1/posts",
        "/people/%FF/posts", "/people/%E2%9C/posts", "/people/%ED%A0%80/posts", "/people/%\u0663\u0663/posts"})
    void matchWhenVariableIsNotValidPercentEncodedUtf8ThenNoMatch(String path) {
        assertThat(userPosts.match(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/people/%E2%9C%93/posts      | ✓",
        "/people/%C3%A9t%C3%A9/posts  | été",
        "/people/été/posts            | été",
        "/people/%F0%9F%98%80/posts   | \uD83D\uDE00",
        "/people/a%20b/posts          | a b",
        "/people/a+b/posts            | a+b",
        "/people/%41%42c/posts        | ABc",
        "/people/..a/posts            | ..a",
        "/people/%2e%2e%2e/posts      | ...",
        "/people/user@example.com/posts | user@example.com",
    })
    void matchDecodesVariableAsUtf8(String path, String expected) {
        assertThat(userPosts.match(path)).contains(Map.of("userId", expected));
    }

    @Test
    void matchWithNullPathThenNoMatch() {
        assertThat(userPosts.match(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "people", "/", "//x", "/a//b", "/a/", "/./a", "/a/..", "/{x}/{x}", "/a{x}", "/{x}b",
        "/{}", "/{1x}", "/{x-y}", "/a b", "/a%20b", "/a?b", "/a#b", "/{x", "/x}", "/é"})
    void parseWhenTemplateIsInvalidThenRejected(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseAcceptsUnreservedLiteralCharacters() {
        PathTemplate template = PathTemplate.parse("/v1.2/a_b~c:d-e/{id_2}");
        assertThat(template.match("/v1.2/a_b~c:d-e/x")).contains(Map.of("id_2", "x"));
    }

    @Test
    void toStringIsTheTemplate() {
        assertThat(userPosts).hasToString("/people/{userId}/posts");
        assertThat(userPosts.template()).isEqualTo("/people/{userId}/posts");
        assertThat(userPosts).isEqualTo(PathTemplate.parse("/people/{userId}/posts"));
    }

    @Test
    void templatesWithVariablesInTheSamePlacesHaveTheSameShape() {
        assertThat(PathTemplate.parse("/people/{a}/posts").shape()).isEqualTo(PathTemplate.parse("/people/{b}/posts").shape());
        assertThat(PathTemplate.parse("/people/{a}/posts").shape()).isNotEqualTo(PathTemplate.parse("/people/me/posts").shape());
    }
}
