package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogValidationTest {

    private static final String VALID = """
            apis:
              - name: posts
                version: v1
                title: Posts API
                backend: builtin:posts
                scopes:
                  - name: posts
                    description: See, edit, create and delete your posts
                  - name: posts.readonly
                    description: See your posts
                quota:
                  requestsPerMinutePerProject: 600
                  requestsPerDayPerProject: 100000
                  requestsPerMinutePerUser: 60
                billing:
                  freeCallsPerMonth: 1000
                methods:
                  - id: posts.posts.get
                    http: GET
                    path: /posts/{postId}
                    access: either
                    scopes: [posts, posts.readonly]
                    cost: 1
                    pricePer1000: "0.20"
                  - id: posts.posts.insert
                    http: POST
                    path: /posts
                    access: authorized
                    scopes: [posts]
              - name: calendar
                version: v3
                title: Calendar API
                backend: https://calendar.internal.example/api
                scopes:
                  - name: calendar
                    description: See your calendars
                methods:
                  - id: calendar.events.list
                    http: GET
                    path: /calendars/{calendarId}/events
                    access: simple
            """;

    @Test
    void validCatalogLoadsWithDefaultsForOptionalFields() {
        ApiCatalog catalog = CatalogLoader.parse("catalog.yaml", VALID);
        ApiDefinition calendar = catalog.api("calendar", "v3").orElseThrow();
        assertThat(calendar.backend()).isEqualTo(new Backend.Http(URI.create("https://calendar.internal.example/api")));
        assertThat(calendar.quota()).isEqualTo(QuotaLimits.DEFAULT);
        assertThat(calendar.freeCallsPerMonth()).isZero();
        ApiMethod list = catalog.method("calendar.events.list").orElseThrow();
        assertThat(list.access()).isEqualTo(Access.SIMPLE);
        assertThat(list.scopes()).isEmpty();
        assertThat(list.cost()).isEqualTo(1);
        assertThat(list.pricePer1000()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(catalog.method("posts.posts.get").orElseThrow().pricePer1000()).isEqualTo(new BigDecimal("0.20"));
    }

    @Test
    void catalogWithWindowsLineEndingsLoads() {
        assertThat(CatalogLoader.parse("catalog.yaml", VALID.replace("\n", "\r\n")).apis()).hasSize(2);
    }

    @Test
    void catalogStartingWithByteOrderMarkLoads() {
        assertThat(CatalogLoader.parse("catalog.yaml", "\uFEFF" + VALID).apis()).hasSize(2);
    }

    @Test
    void emptyApiListIsAValidCatalog() {
        assertThat(CatalogLoader.parse("catalog.yaml", "apis: []\n").apis()).isEmpty();
    }

    @Test
    void priceWrittenAsAYamlNumberIsReadExactly() {
        ApiCatalog catalog = CatalogLoader.parse("catalog.yaml", withLines(VALID, "        pricePer1000: \"0.20\"", "        pricePer1000: 0.000001"));
        assertThat(catalog.method("posts.posts.get").orElseThrow().pricePer1000()).isEqualTo(new BigDecimal("0.000001"));
    }

    @Test
    void undeclaredScopeMessageNamesFileLineColumnMethodAndApi() {
        String yaml = withLines(VALID, "        scopes: [posts, posts.readonly]", "        scopes: [posts, posts.write]");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog.yaml:22:25: method 'posts.posts.get': scope 'posts.write' is not declared by API posts v1");
    }

    @Test
    void exceptionExposesItsParts() {
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("my.yaml", withLines(VALID, "        cost: 1", "        cost: 0")));
        assertThat(e.source()).isEqualTo("my.yaml");
        assertThat(e.line()).isEqualTo(23);
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).isEqualTo("method 'posts.posts.get': cost must be between 1 and 1000, found 0");
    }

    static Stream<Arguments> singleLineMistakes() {
        return Stream.of(
                mistake("  - name: posts", "  - name: Posts", "API name 'Posts' is not valid"),
                mistake("  - name: posts", "  - name: p", "API name 'p' is not valid"),
                mistake("  - name: posts", "  - name: " + "p".repeat(64), "is not valid"),
                mistake("  - name: posts", "  - name: 42", "'name' must be text, found the number 42"),
                mistake("    version: v1", "    version: 1", "'version' must be text, found the number 1"),
                mistake("    version: v1", "    version: one", "API version 'one' is not valid"),
                mistake("    title: Posts API", "    title: \"  \"", "title must not be blank"),
                mistake("    title: Posts API", "    title: [a]", "'title' must be text, found a list"),
                mistake("    backend: builtin:posts", "    backend: ftp://files.example/", "must be builtin:NAME or an http:// or https:// URL"),
                mistake("    backend: builtin:posts", "    backend: builtin:Posts", "built-in backend name 'Posts' is not valid"),
                mistake("    backend: builtin:posts", "    backend: http://user:secret@host.example/", "must not contain a user name or password"),
                mistake("    backend: builtin:posts", "    backend: https://host.example/api?key=1", "must not have a query or fragment"),
                mistake("    backend: builtin:posts", "    backend: https://host.example/api#top", "must not have a query or fragment"),
                mistake("    backend: builtin:posts", "    backend: https://", "is not a valid URL"),
                mistake("    backend: builtin:posts", "    backend: http://exa mple.com/", "is not a valid URL"),
                mistake("      - name: posts", "      - name: openid", "scope name 'openid' is reserved"),
                mistake("      - name: posts", "      - name: admin", "scope name 'admin' is reserved"),
                mistake("      - name: posts", "      - name: email", "scope name 'email' is reserved"),
                mistake("      - name: posts", "      - name: profile", "scope name 'profile' is reserved"),
                mistake("      - name: posts", "      - name: Posts.Write", "scope name 'Posts.Write' is not valid"),
                mistake("        description: See your posts", "        description: \"\"", "description must not be blank"),
                mistake("        description: See your posts", "        descripton: See your posts", "unknown field 'descripton'"),
                mistake("      - name: calendar", "      - name: posts", "scope 'posts' is already declared by API posts v1 at line 7"),
                mistake("      - name: posts.readonly", "      - name: posts", "scope 'posts' is already declared by API posts v1 at line 7"),
                mistake("      requestsPerMinutePerUser: 60", "      requestsPerMinutePerUser: 0", "requestsPerMinutePerUser must be at least 1"),
                mistake("      requestsPerDayPerProject: 100000", "      requestsPerDayPerProject: -5", "requestsPerDayPerProject must be at least 1"),
                mistake("      requestsPerDayPerProject: 100000", "      requestsPerDayPerProject: 1.5", "must be a whole number, found the number 1.5"),
                mistake("      requestsPerDayPerProject: 100000", "      requestsPerDayPerProjekt: 100000", "unknown field 'requestsPerDayPerProjekt'"),
                mistake("      requestsPerDayPerProject: 100000", "      requestsPerDayPerProject: 99999999999999999999", "far too large"),
                mistake("      freeCallsPerMonth: 1000", "      freeCallsPerMonth: -1", "freeCallsPerMonth must be at least 0"),
                mistake("      freeCallsPerMonth: 1000", "      freeCalls: 1000", "unknown field 'freeCalls'"),
                mistake("      freeCallsPerMonth: 1000", "      - 1000", "'billing' must be a mapping, found a list"),
                mistake("        cost: 1", "        cost: ~", "'cost' must be a whole number, found no value"),
                mistake("    title: Posts API", "    titel: Posts API", "unknown field 'titel'"),
                mistake("      - id: calendar.events.list", "      - id: posts.posts.get", "method id 'posts.posts.get' is already used by API posts v1 at line 18"),
                mistake("      - id: posts.posts.get", "      - id: Posts.Get", "method id 'Posts.Get' is not valid"),
                mistake("      - id: posts.posts.get", "      - id: posts_get", "method id 'posts_get' is not valid"),
                mistake("        http: POST", "        http: post", "HTTP method 'post' is not supported"),
                mistake("        http: POST", "        http: HEAD", "HTTP method 'HEAD' is not supported"),
                mistake("        path: /posts/{postId}", "        path: posts/{postId}", "must start with '/'"),
                mistake("        path: /posts/{postId}", "        path: /posts//{postId}", "has an empty segment"),
                mistake("        path: /posts/{postId}", "        path: /posts/{postId}/", "has an empty segment"),
                mistake("        path: /posts/{postId}", "        path: /posts/../{postId}", "has a '..' segment"),
                mistake("        path: /posts/{postId}", "        path: /posts/id-{postId}", "a variable must be a whole segment"),
                mistake("        path: /posts/{postId}", "        path: /posts/{post-id}", "variable names start with a letter"),
                mistake("        path: /posts/{postId}", "        path: /posts/{id}/x/{id}", "uses the variable {id} twice"),
                mistake("        path: /posts/{postId}", "        path: /posts/%7Bx%7D", "has character '%'"),
                mistake("        access: either", "        access: public", "access 'public' is not valid; use simple, authorized or either"),
                mistake("        access: either", "        access: EITHER", "access 'EITHER' is not valid"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: [posts, posts.write]", "scope 'posts.write' is not declared by API posts v1"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: [posts, posts]", "scope 'posts' is listed twice"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: []", "'scopes' must list at least one scope"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: posts", "'scopes' must be a list, found the text 'posts'"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: [[posts]]", "each entry of 'scopes' must be a scope name, found a list"),
                mistake("        scopes: [posts, posts.readonly]", "        scopes: [calendar]", "scope 'calendar' is not declared by API posts v1"),
                mistake("        cost: 1", "        cost: 0", "cost must be between 1 and 1000, found 0"),
                mistake("        cost: 1", "        cost: -1", "cost must be between 1 and 1000, found -1"),
                mistake("        cost: 1", "        cost: 1001", "cost must be between 1 and 1000, found 1001"),
                mistake("        cost: 1", "        cost: many", "'cost' must be a whole number, found the text 'many'"),
                mistake("        cost: 1", "        cost: \"1\"", "'cost' must be a whole number, found the text '1'"),
                mistake("        cost: 1", "        cost: 9223372036854775808", "far too large"),
                mistake("        cost: 1", "        cost: 4294967297", "cost must be between 1 and 1000, found 4294967297"),
                mistake("        cost: 1", "        cost:", "'cost' must be a whole number, found an empty value"),
                mistake("        cost: 1", "        costs: 1", "unknown field 'costs'"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: \"-0.20\"", "pricePer1000 must not be negative"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: -0.20", "pricePer1000 must not be negative"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: \"0.1234567\"", "more than 6 decimal places"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: \"free\"", "pricePer1000 must be a decimal number"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: 1e9", "pricePer1000 must be a decimal number"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: .inf", "pricePer1000 must be a decimal number"),
                mistake("        pricePer1000: \"0.20\"", "        pricePer1000: true", "'pricePer1000' must be a number, found the value true"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("singleLineMistakes")
    void mistakeIsReportedAtItsLine(String original, String replacement, String expectedProblem) {
        String yaml = withLines(VALID, original, replacement);
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).as(e.getMessage()).isEqualTo(lineOf(VALID, original));
        assertThat(e.getMessage()).startsWith("catalog.yaml:" + e.line() + ":").contains(expectedProblem);
    }

    static Stream<Arguments> requiredApiFields() {
        return Stream.of(
                Arguments.of("    version: v1", "API posts: missing required field 'version'"),
                Arguments.of("    title: Posts API", "API posts v1: missing required field 'title'"),
                Arguments.of("    backend: builtin:posts", "API posts v1: missing required field 'backend'"));
    }

    @ParameterizedTest
    @MethodSource("requiredApiFields")
    void missingRequiredFieldIsReportedAtTheStartOfItsMapping(String line, String expectedProblem) {
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", withoutLine(VALID, line)));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.problem()).isEqualTo(expectedProblem);
    }

    @Test
    void missingMethodsIsReportedAtTheStartOfTheApi() {
        String yaml = VALID.substring(0, VALID.indexOf("    methods:")) + VALID.substring(VALID.indexOf("  - name: calendar"));
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).isEqualTo("API posts v1: missing required field 'methods'");
    }

    @Test
    void missingApisListIsReportedAtTheStart() {
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", "{}\n"));
        assertThat(e).hasMessage("catalog.yaml:1:1: missing required field 'apis'");
    }

    @Test
    void missingScopeDescriptionIsReportedAtTheScope() {
        String yaml = withoutLine(VALID, "        description: See your posts");
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(lineOf(yaml, "      - name: posts.readonly"));
        assertThat(e.problem()).isEqualTo("API posts v1: missing required field 'description'");
    }

    @Test
    void authorizedMethodWithoutScopesIsReportedAtTheMethod() {
        String yaml = withoutLine(VALID, "        scopes: [posts]");
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(lineOf(yaml, "      - id: posts.posts.insert"));
        assertThat(e.problem()).isEqualTo("method 'posts.posts.insert': a method with access 'authorized' accepts OAuth tokens, "
                + "so 'scopes' must list at least one scope");
    }

    @Test
    void twoMethodsWithTheSameVerbAndEquivalentPathAreRejectedAtTheSecond() {
        String yaml = withLines(VALID, "        http: POST", "        http: GET", "        path: /posts", "        path: /posts/{id}");
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(lineOf(yaml, "        path: /posts/{id}"));
        assertThat(e.problem()).isEqualTo("method 'posts.posts.insert': GET /posts/{id} has the same route as method 'posts.posts.get' (line 20)");
    }

    @Test
    void sameTemplateWithDifferentVerbsIsAllowed() {
        String yaml = withLines(VALID, "        path: /posts", "        path: /posts/{postId}");
        assertThat(CatalogLoader.parse("catalog.yaml", yaml).match("posts", "v1", "POST", "/posts/7")).isPresent();
    }

    @Test
    void sameApiNameAndVersionTwiceIsRejectedAtTheSecond() {
        String yaml = withLines(VALID, "  - name: calendar", "  - name: posts", "    version: v3", "    version: v1");
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(30);
        assertThat(e.problem()).isEqualTo("API posts v1: an API with the same name and version is already declared at line 2");
    }

    @Test
    void sameApiNameWithAnotherVersionIsAllowed() {
        String yaml = withLines(VALID, "  - name: calendar", "  - name: posts", "      - name: calendar", "      - name: calendar2");
        ApiCatalog catalog = CatalogLoader.parse("catalog.yaml", yaml);
        assertThat(catalog.api("posts", "v3")).isPresent();
        assertThat(catalog.api("posts", "v1")).isPresent();
    }

    @Test
    void apiWithoutMethodsIsRejected() {
        String yaml = VALID.substring(0, VALID.indexOf("    methods:\n      - id: calendar")) + "    methods: []\n";
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", yaml));
        assertThat(e.line()).isEqualTo(lineOf(yaml, "    methods: []"));
        assertThat(e.problem()).isEqualTo("API calendar v3: 'methods' must list at least one method");
    }

    @Test
    void unknownTopLevelFieldIsRejected() {
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", VALID + "extras: true\n"));
        assertThat(e.line()).isEqualTo(lineOf(VALID + "extras: true\n", "extras: true"));
        assertThat(e.problem()).isEqualTo("unknown field 'extras'; expected apis");
    }

    @Test
    void misspelledApisListIsReportedAsUnknownField() {
        CatalogException e = catchCatalogException(() -> CatalogLoader.parse("catalog.yaml", "# nothing here\napi: []\n"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).startsWith("unknown field 'api'");
    }

    @Test
    void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, VALID);
        assertThat(CatalogLoader.load(good).apis()).hasSize(2);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, withLines(VALID, "        cost: 1", "        cost: 0"));
        assertThatThrownBy(() -> CatalogLoader.load(bad)).isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(bad + ":23:15: ");
    }

    private static Arguments mistake(String original, String replacement, String expectedProblem) {
        return Arguments.of(original, replacement, expectedProblem);
    }

    /** Replaces whole lines, so that "  - name: posts" cannot accidentally hit "      - name: posts". */
    static String withLines(String yaml, String... originalsAndReplacements) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        for (int i = 0; i < originalsAndReplacements.length; i += 2) {
            String original = originalsAndReplacements[i];
            int index = lines.indexOf(original);
            assertThat(index).as("line '%s' in the test catalog", original).isNotNegative();
            assertThat(lines.lastIndexOf(original)).as("line '%s' is unique", original).isEqualTo(index);
            lines.set(index, originalsAndReplacements[i + 1]);
        }
        return String.join("\n", lines);
    }

    private static String withoutLine(String yaml, String line) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        assertThat(lines.remove(line)).as("line '%s' in the test catalog", line).isTrue();
        return String.join("\n", lines);
    }

    private static int lineOf(String yaml, String line) {
        int index = Arrays.asList(yaml.split("\n", -1)).indexOf(line);
        assertThat(index).as("line '%s'", line).isNotNegative();
        return index + 1;
    }

    private static CatalogException catchCatalogException(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isExactlyInstanceOf(CatalogException.class);
        return (CatalogException) thrown;
    }
}
