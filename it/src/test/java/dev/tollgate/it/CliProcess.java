package dev.tollgate.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code tollgate} command line as a separate process, with the test classpath, its configuration in a
 * directory of the test's ({@code TOLLGATE_CONFIG_DIR}), headless (so a sign-in prints its address rather than
 * opening a browser), and standard output kept apart from standard error.
 */
final class CliProcess {
    private final Path configDir;

    CliProcess(Path configDir) {
        this.configDir = configDir;
    }

    Path configDir() { return configDir; }

    /** How a command ended. */
    record Result(int code, String stdout, String stderr) {
        List<String> stderrLines() { return stderr.lines().toList(); }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        Running running = start(args);
        return running.await(Duration.ofSeconds(60));
    }

    /** Starts a command that needs someone to act while it runs (a sign-in). */
    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "dev.tollgate.cli.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("TOLLGATE_") || k.startsWith("GOOGLE_"));
        builder.environment().put("TOLLGATE_CONFIG_DIR", configDir.toString());
        return new Running(builder.start());
    }

    /** A command still running, whose output can be read as it comes. */
    static final class Running {
        private final Process process;
        private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<String> stderr = new CompletableFuture<>();
        private final Thread outReader;

        Running(Process process) {
            this.process = process;
            outReader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        stdout.add(line);
                    }
                } catch (IOException ended) {
                    // the process ended
                }
            }, "cli-stdout");
            outReader.setDaemon(true);
            outReader.start();
            Thread errReader = new Thread(() -> {
                try {
                    stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("(standard error unreadable: " + e + ")");
                }
            }, "cli-stderr");
            errReader.setDaemon(true);
            errReader.start();
        }

        /** Waits for a line of standard output that matches. */
        String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                synchronized (stdout) {
                    for (String line : stdout) {
                        if (matches.test(line)) {
                            return line;
                        }
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("No such line; the command printed:\n" + String.join("\n", stdout)
                    + (process.isAlive() ? "" : "\nand exited " + process.exitValue() + ": " + stderr.getNow("")));
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The command did not end; it printed:\n" + String.join("\n", stdout));
            }
            outReader.join(5000);
            String err;
            try {
                err = stderr.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                err = "(standard error unreadable: " + e + ")";
            }
            return new Result(process.exitValue(), String.join("\n", stdout) + (stdout.isEmpty() ? "" : "\n"), err);
        }
    }
}
