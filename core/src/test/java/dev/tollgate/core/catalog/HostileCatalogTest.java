package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever the file holds, reading it ends quickly in a CatalogException that points into the file. */
class HostileCatalogTest {

    private static final String METHOD_PREFIX = """
            apis:
              - name: posts
                version: v1
                title: Posts API
                backend: builtin:posts
                methods:
                  - id: posts.list
                    http: GET
                    path: /posts
                    access: simple
            """;

    static Stream<Arguments> hostileDocuments() {
        return Stream.of(
                hostile("empty", ""),
                hostile("whitespace only", "   \n\n  \n"),
                hostile("comment only", "# just a comment\n"),
                hostile("document marker only", "---\n"),
                hostile("document end only", "...\n"),
                hostile("byte order mark only", "\uFEFF"),
                hostile("null document", "null\n"),
                hostile("tilde document", "~\n"),
                hostile("plain text", "hello world\n"),
                hostile("number", "42\n"),
                hostile("boolean", "true\n"),
                hostile("list", "- apis\n- more\n"),
                hostile("flow list", "[apis]\n"),
                hostile("unclosed flow list", "apis: [\n"),
                hostile("unclosed flow mapping", "apis: {a: 1\n"),
                hostile("unterminated quote", "apis: \"never ends\n"),
                hostile("bad escape", "apis: \"\\q\"\n"),
                hostile("bad indentation", "apis:\n  - name: posts\n   version: v1\n"),
                hostile("mixed list and mapping", "apis:\n- a\nb: c\n"),
                hostile("key without value separator", "apis\n  - x\n"),
                hostile("empty key", ": value\n"),
                hostile("tab indentation", "apis:\n\t- name: posts\n"),
                hostile("tab after key", "apis:\n  -\tname: posts\n\tversion: v1\n"),
                hostile("apis is a mapping", "apis: {}\n"),
                hostile("apis is text", "apis: hello\n"),
                hostile("api is a number", "apis:\n  - 42\n"),
                hostile("api is a list", "apis:\n  - []\n"),
                hostile("api is null", "apis:\n  -\n"),
                hostile("unknown root field", "apis: []\nversion: 2\n"),
                hostile("unknown api field", METHOD_PREFIX.replace("    title:", "    owner: me\n    title:")),
                hostile("unknown method field", METHOD_PREFIX + "        timeout: 5\n"),
                hostile("cost is text", METHOD_PREFIX + "        cost: many\n"),
                hostile("cost is negative", METHOD_PREFIX + "        cost: -1\n"),
                hostile("cost is huge", METHOD_PREFIX + "        cost: 99999999999999999999999999999999\n"),
                hostile("cost has a thousand digits", METHOD_PREFIX + "        cost: " + "9".repeat(1000) + "\n"),
                hostile("cost is hexadecimal overflow", METHOD_PREFIX + "        cost: 0xFFFFFFFFFFFFFFFFFFFF\n"),
                hostile("cost is a float", METHOD_PREFIX + "        cost: 1.0e308\n"),
                hostile("cost is infinity", METHOD_PREFIX + "        cost: .inf\n"),
                hostile("cost is NaN", METHOD_PREFIX + "        cost: .nan\n"),
                hostile("price with huge exponent", METHOD_PREFIX + "        pricePer1000: 1e999999999\n"),
                hostile("price with many digits", METHOD_PREFIX + "        pricePer1000: \"" + "1".repeat(5000) + "\"\n"),
                hostile("quota is huge", METHOD_PREFIX.replace("    methods:", "    quota:\n      requestsPerMinutePerUser: 1" + "0".repeat(40) + "\n    methods:")),
                hostile("duplicate root key", "apis: []\napis: []\n"),
                hostile("duplicate api key", METHOD_PREFIX.replace("    version: v1\n", "    version: v1\n    version: v2\n")),
                hostile("duplicate key differing only in quoting", "apis: []\n'apis': []\n"),
                hostile("complex key", "? [a, b]\n: c\n"),
                hostile("mapping as key", "{a: 1}: b\n"),
                hostile("alias bomb", billionLaughs()),
                hostile("anchor on mapping", "apis:\n  - &api {name: posts}\n"),
                hostile("alias to scalar", "x: &a posts\napis: [*a]\n"),
                hostile("merge key", "base: &b {name: posts}\napis:\n  - <<: *b\n"),
                hostile("undefined alias", "apis: *nothing\n"),
                hostile("binary tag", "apis: !!binary aGVsbG8=\n"),
                hostile("custom tag", "apis: !evil [1]\n"),
                hostile("java type tag", "apis: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"),
                hostile("deeply nested flow lists", "[".repeat(100_000) + "]".repeat(100_000)),
                hostile("deeply nested flow mappings", "{a: ".repeat(50_000) + "}".repeat(50_000)),
                hostile("deeply nested unclosed lists", "[".repeat(200_000)),
                hostile("deeply nested block mappings", deepBlockMappings(60)),
                hostile("deeply nested inside a valid catalog", METHOD_PREFIX + "        scopes: " + "[".repeat(30) + "]".repeat(30) + "\n"),
                hostile("two documents", "apis: []\n---\napis: []\n"),
                hostile("nul character", "apis: []\u0000\n"),
                hostile("control characters", "\u0001\u0002\u0003"),
                hostile("escape character in plain scalar", "apis: [\u001b[31m]\n"),
                hostile("lone surrogate", "apis: [\uD800]\n"),
                hostile("non-character", "apis: [\uFFFE]\n"),
                hostile("binary garbage", garbage(new Random(42), 4096)),
                hostile("binary garbage after valid start", "apis:\n  - name: posts\n" + garbage(new Random(7), 512)),
                hostile("directive only", "%YAML 1.1\n"),
                hostile("unsupported YAML version", "%YAML 9.9\n---\napis: []\n"),
                hostile("very long key", "k".repeat(500_000) + ": 1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hostileDocumentIsRejectedWithALocatedCatalogException(String description, String yaml) {
        Throwable thrown = catchThrowable(() -> CatalogLoader.parse("hostile.yaml", yaml));

        assertThat(thrown).as(description).isExactlyInstanceOf(CatalogException.class);
        CatalogException e = (CatalogException) thrown;
        assertThat(e.getMessage()).matches("(?s)hostile\\.yaml:[1-9][0-9]*:[1-9][0-9]*: \\S.*");
        assertThat(e.line()).isLessThanOrEqualTo((int) yaml.lines().count() + 1);
        assertThat(e.problem()).doesNotContain("com.fasterxml", "org.yaml", "Exception", "\n");
    }

    @Test
    void tabIndentationIsExplainedAtItsLine() {
        CatalogException e = (CatalogException) catchThrowable(() -> CatalogLoader.parse("c.yaml", "apis:\n\t- name: posts\n"));
        assertThat(e).hasMessage("c.yaml:2:1: YAML does not allow tab characters for indentation; indent with spaces");
    }

    @Test
    void aliasIsRefusedBeforeAnyExpansion() {
        CatalogException e = (CatalogException) catchThrowable(() -> CatalogLoader.parse("c.yaml", "x: &a posts\napis: [*a]\n"));
        assertThat(e).hasMessage("c.yaml:2:8: YAML aliases (*a) are not supported; write the value out in full");
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondOccurrence() {
        CatalogException e = (CatalogException) catchThrowable(() -> CatalogLoader.parse("c.yaml", "apis: []\n# again\napis: []\n"));
        assertThat(e).hasMessage("c.yaml:3:1: duplicate key 'apis' (first written at line 1)");
    }

    @Test
    void syntaxErrorIsReportedWhereTheParserStopped() {
        CatalogException e = (CatalogException) catchThrowable(() -> CatalogLoader.parse("c.yaml", "apis:\n  - name: posts\n   version: v1\n"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("YAML syntax error: ");
    }

    @Test
    void textLargerThanOneMebibyteIsRefusedUnread() {
        String yaml = "apis: []\n" + "#".repeat(1024 * 1024) + "\n";
        CatalogException e = (CatalogException) catchThrowable(() -> CatalogLoader.parse("big.yaml", yaml));
        assertThat(e).hasMessage("big.yaml:1:1: the catalog is larger than 1 MiB");
    }

    @Test
    void fileLargerThanOneMebibyteIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[1024 * 1024 + 1]);
        assertThat(catchThrowable(() -> CatalogLoader.load(file))).isExactlyInstanceOf(CatalogException.class)
                .hasMessage(file + ":1:1: the catalog is larger than 1 MiB");
    }

    @Test
    void fileThatIsNotUtf8IsReportedAtTheBadByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', 'p', 'i', 's', ':', '\n', ' ', ' ', '-', ' ', (byte) 0xE9, '\n'});
        assertThat(catchThrowable(() -> CatalogLoader.load(file))).isExactlyInstanceOf(CatalogException.class)
                .hasMessage(file + ":2:5: the file is not UTF-8 text (invalid byte sequence)");
    }

    @Test
    void binaryGarbageFileIsRejectedWithALocatedCatalogException(@TempDir Path dir) throws Exception {
        Random random = new Random(1234);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            Path file = dir.resolve("garbage" + i + ".yaml");
            Files.write(file, bytes);
            assertThat(catchThrowable(() -> CatalogLoader.load(file))).isExactlyInstanceOf(CatalogException.class)
                    .hasMessageStartingWith(file + ":");
        }
    }

    @Test
    void missingFileIsACatalogException(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        assertThat(catchThrowable(() -> CatalogLoader.load(file))).isExactlyInstanceOf(CatalogException.class)
                .hasMessageStartingWith(file + ":1:1: cannot read the catalog file");
    }

    @Test
    void nullTextIsACatalogException() {
        assertThat(catchThrowable(() -> CatalogLoader.parse("c.yaml", null))).isExactlyInstanceOf(CatalogException.class)
                .hasMessageStartingWith("c.yaml:1:1: ");
    }

    private static Arguments hostile(String description, String yaml) {
        return Arguments.of(description, yaml);
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.append("apis: *a9\n").toString();
    }

    private static String deepBlockMappings(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth)).append("v\n").toString();
    }

    private static String garbage(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x10000));
        }
        return text.toString();
    }
}
