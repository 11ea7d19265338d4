package dev.tollgate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the client programs under {@code src/test/python} and {@code src/test/node} as processes, the
 * way a developer runs them: settings as JSON on stdin, what they saw as JSON on stdout.
 *
 * <p>Without Debian's {@code python3-googleapi}, or without node and the npm packages of
 * {@code src/test/node} ({@code npm ci} there), the tests that need them are skipped, except on CI
 * ({@code CI=true}, which {@code .ci/run} sets), where they fail.
 */
final class ClientPrograms {
    static final Path PYTHON_DIR = Path.of("src/test/python").toAbsolutePath();
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 120;

    private ClientPrograms() {
    }

    /**
     * The Python interpreter that has Debian's packages: the one on the PATH, or Debian's own when the
     * PATH leads to another (pyenv, a virtualenv).
     */
    static String requirePython() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if (exitsCleanly(List.of(python, "-c", "import googleapiclient, google.oauth2.service_account, google.oauth2.credentials"))) {
                return python;
            }
        }
        require(false, "python3 with Debian's python3-googleapi and python3-google-auth");
        throw new AssertionError("unreachable");
    }

    static void requireNode() {
        require(exitsCleanly(List.of("node", "--version")) && Files.isDirectory(NODE_DIR.resolve("node_modules/googleapis")),
                "node with the npm packages of it/src/test/node (npm ci there)");
    }

    static JsonNode run(List<String> command, Path directory, Object settings) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        CompletableFuture<String> stdout = readAll(process.getInputStream());
        CompletableFuture<String> stderr = readAll(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(Http.JSON.writeValueAsBytes(settings));
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s; stderr:\n" + stderr.getNow(""));
        }
        String out = stdout.join();
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + process.exitValue() + "; stderr:\n" + stderr.join() + "\nstdout:\n" + out);
        }
        return Http.JSON.readTree(out);
    }

    private static void require(boolean present, String what) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what + " is missing, and CI=true requires it (.ci/run installs it)");
        }
        assumeTrue(present, what + " is missing; set CI=true to make this a failure");
    }

    private static boolean exitsCleanly(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static CompletableFuture<String> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
