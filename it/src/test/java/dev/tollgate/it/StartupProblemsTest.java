package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.store.jdbc.TestDatabases;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What stops a start is one line on standard error naming the option or environment variable to
 * change, and exit status 1 (2 for a command line that is not valid); the stack trace only with
 * --verbose. Only the tests of a database and of ports in use start (part of) a server.
 */
class StartupProblemsTest {
    @TempDir
    Path dir;

    @Test
    void anApiPortInUseNamesTheApiPort() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            var exited = serve(List.of("--port", "0", "--api-port", Integer.toString(taken.getLocalPort()), "--data", data()), Map.of());
            assertOneLine(exited, 1, "cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for the API gateway",
                    "--api-port / TOLLGATE_API_PORT");
        }
    }

    @Test
    void aPortInUseNamesThePort() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            var exited = serve(List.of("--port", Integer.toString(taken.getLocalPort()), "--data", data()), Map.of());
            assertOneLine(exited, 1, "cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port / TOLLGATE_PORT");
        }
    }

    @Test
    void anUnreachableDatabaseNamesTheDatabaseUrl() throws Exception {
        var exited = serve(List.of("--port", "0", "--data", data(), "--db", "jdbc:postgresql://127.0.0.1:1/tollgate?password=hunter2"), Map.of());
        assertOneLine(exited, 1, "cannot reach the database jdbc:postgresql://127.0.0.1:1/tollgate", "--db / TOLLGATE_DB_URL");
        assertThat(String.join("\n", exited.stderr())).doesNotContain("hunter2");
    }

    @Test
    void aDatabaseUserThatIsRefusedNamesTheCredentials() throws Exception {
        var exited = serve(List.of("--port", "0", "--data", data(), "--db", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                Map.of("TOLLGATE_DB_USER", "no_such_tollgate_user", "TOLLGATE_DB_PASSWORD", "wrong-password"));
        assertOneLine(exited, 1, "the database refused the user 'no_such_tollgate_user'", "TOLLGATE_DB_USER, TOLLGATE_DB_PASSWORD");
        assertThat(String.join("\n", exited.stderr())).doesNotContain("wrong-password");
    }

    @Test
    void anEmbeddedDatabaseInUseByAnotherNodeNamesTheDataFolder() throws Exception {
        Path data = dir.resolve("shared-data");
        try (TollgateProcess running = TollgateProcess.start(TestDatabases.Kind.H2, data)) {
            var exited = serve(List.of("--port", "0", "--data", data.toString()), Map.of());
            assertOneLine(exited, 1, "in use by another process", "--data / TOLLGATE_DATA");
        }
    }

    @Test
    void aDataFolderThatCannotBeCreatedNamesTheDataFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        var exited = serve(List.of("--port", "0", "--data", file.resolve("data").toString()), Map.of());
        assertOneLine(exited, 1, "data folder", "--data / TOLLGATE_DATA");
    }

    @Test
    void aBadCatalogNamesFileLineAndTheOption() throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), "apis:\n  - name: shop\n    version: [\n");
        var exited = serve(List.of("--port", "0", "--data", data(), "--config", catalog.toString()), Map.of());
        assertOneLine(exited, 1, catalog + ":", "--config / TOLLGATE_CONFIG");
    }

    @Test
    void aMasterKeyThatIsNotOneNamesTheVariables() throws Exception {
        var exited = serve(List.of("--port", "0", "--data", data()), Map.of("TOLLGATE_MASTER_KEY", "c2hvcnQ="));
        assertOneLine(exited, 1, "", "TOLLGATE_MASTER_KEY");
        assertThat(String.join("\n", exited.stderr())).doesNotContain("c2hvcnQ=");
    }

    @Test
    void anUnreachableRedisNamesTheRedisOption() throws Exception {
        var exited = serve(List.of("--port", "0", "--data", data(), "--redis", "redis://:secret@127.0.0.1:1"), Map.of());
        assertOneLine(exited, 1, "cannot reach Redis at redis://127.0.0.1:1", "--redis / TOLLGATE_REDIS_URL");
        assertThat(String.join("\n", exited.stderr())).doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=70000", "--port=eighty", "--backend-timeout=0", "--signup=sometimes", "--trusted-proxies=10.0.0.0/99",
            "--quota-time-zone=Mars/Olympus", "--no-such-option",
            "--api-port=70000", "--api-port=any"})
    void anOptionValueThatIsNotValidIsAUsageErrorOnOneLine(String option) throws Exception {
        var exited = serve(List.of("--data", data(), option), Map.of());
        assertOneLine(exited, 2, "", option.contains("=") ? option.substring(0, option.indexOf('=')) : option);
    }

    @Test
    void withVerboseTheStackTraceFollowsTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        var exited = serve(List.of("--port", "0", "--data", file.resolve("data").toString(), "--verbose"), Map.of());
        assertThat(exited.code()).isEqualTo(1);
        assertThat(exited.stderr().get(0)).startsWith("tollgate: ").contains("--data / TOLLGATE_DATA");
        assertThat(String.join("\n", exited.stderr())).contains("Exception").contains("at dev.tollgate");
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private static TollgateProcess.Separated serve(List<String> args, Map<String, String> env) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1"));
        all.addAll(args);
        return TollgateProcess.runToExitSeparately(all, env);
    }

    private static void assertOneLine(TollgateProcess.Separated exited, int code, String problem, String option) {
        String everything = "stdout:\n" + String.join("\n", exited.stdout()) + "\nstderr:\n" + String.join("\n", exited.stderr());
        assertThat(exited.code()).as(everything).isEqualTo(code);
        assertThat(exited.stderr()).as(everything).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tollgate: ").contains(problem).contains(option));
        assertThat(everything).doesNotContain("Exception").doesNotContain("at dev.tollgate").doesNotContain("Tollgate ready");
    }
}
