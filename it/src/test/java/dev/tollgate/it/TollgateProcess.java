package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real server as a separate process, started the way `./tollgate serve` starts it, on a free port. */
public final class TollgateProcess implements AutoCloseable {
    private static final String READY = "Tollgate ready on ";
    private static final String API = "API gateway also on ";

    private final Process process;
    private final String baseUrl;
    private final String gatewayUrl;
    private final Path dataDir;
    private final List<String> output;
    private final Thread reader;

    private TollgateProcess(Process process, String baseUrl, String gatewayUrl, Path dataDir, List<String> output, Thread reader) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.gatewayUrl = gatewayUrl;
        this.dataDir = dataDir;
        this.output = output;
        this.reader = reader;
    }

    public static TollgateProcess start(TestDatabases.Kind db, Path dataDir, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data", dataDir.toString()));
        if (db == TestDatabases.Kind.POSTGRES) {
            args.addAll(List.of("--db", TestDatabases.newPostgresDatabase(), "--db-user", TestDatabases.PG_USER));
        }
        args.addAll(List.of(extraArgs));
        return startWith(args, Map.of());
    }

    /** Like {@link #start}, with the process created under {@code umask} (through {@code sh -c 'umask ...; exec java ...'}). */
    public static TollgateProcess startUnderUmask(String umask, TestDatabases.Kind db, Path dataDir, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data", dataDir.toString()));
        if (db == TestDatabases.Kind.POSTGRES) {
            args.addAll(List.of("--db", TestDatabases.newPostgresDatabase(), "--db-user", TestDatabases.PG_USER));
        }
        args.addAll(List.of(extraArgs));
        return startWith(args, Map.of(), Optional.of(umask));
    }

    public static TollgateProcess startWith(List<String> serveArgs, Map<String, String> env) throws IOException {
        return startWith(serveArgs, env, Optional.empty());
    }

    private static TollgateProcess startWith(List<String> serveArgs, Map<String, String> env, Optional<String> umask) throws IOException {
        List<String> mainArgs = new ArrayList<>(List.of("serve"));
        mainArgs.addAll(serveArgs);
        Launched launched = launch(mainArgs, env, umask);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String api = null;
        try {
            while (Instant.now().isBefore(deadline)) {
                String line = launched.lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(API)) {
                    api = line.substring(API.length()).trim();
                }
                if (line != null && line.startsWith(READY)) {
                    Path data = Path.of(serveArgs.get(serveArgs.indexOf("--data") + 1));
                    String base = line.substring(READY.length()).trim();
                    return new TollgateProcess(launched.process, base, api == null ? base : api, data, launched.output, launched.reader);
                }
                if (line == null && !launched.process.isAlive()) {
                    throw new IllegalStateException("Tollgate exited with " + launched.process.exitValue() + ":\n" + String.join("\n", launched.output));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launched.process.destroyForcibly();
        throw new IllegalStateException("Tollgate did not become ready:\n" + String.join("\n", launched.output));
    }

    /** Runs `tollgate serve` expecting it to fail; returns its exit code and output. */
    public static Exited runToExit(List<String> serveArgs) throws IOException, InterruptedException {
        return runToExit(serveArgs, Map.of());
    }

    /** Runs `tollgate serve` with this environment expecting it to fail; returns its exit code and output. */
    public static Exited runToExit(List<String> serveArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> mainArgs = new ArrayList<>(List.of("serve"));
        mainArgs.addAll(serveArgs);
        return runCommand(mainArgs, env);
    }

    /** Runs another `tollgate` command (its name first) to its end; returns its exit code and output. */
    public static Exited runCommand(List<String> mainArgs, Map<String, String> env) throws IOException, InterruptedException {
        Launched launched = launch(mainArgs, env, Optional.empty());
        if (!launched.process.waitFor(60, TimeUnit.SECONDS)) {
            launched.process.destroyForcibly();
            throw new IllegalStateException("Tollgate did not exit:\n" + String.join("\n", launched.output));
        }
        launched.reader.join(5000);
        return new Exited(launched.process.exitValue(), String.join("\n", launched.output));
    }

    public record Exited(int code, String output) {}

    /**
     * Runs `tollgate serve` with this environment to its end, keeping what it printed on standard
     * output apart from what it printed on standard error.
     */
    public static Separated runToExitSeparately(List<String> serveArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.tollgate.cli.Main", "serve"));
        command.addAll(serveArgs);
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        // Read both at once: a process blocked on a full pipe would never exit.
        var stderr = new java.util.concurrent.CompletableFuture<String>();
        Thread errReader = new Thread(() -> {
            try {
                stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        }, "tollgate-stderr");
        errReader.setDaemon(true);
        errReader.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Tollgate did not exit:\n" + stdout);
        }
        try {
            return new Separated(process.exitValue(), stdout.lines().toList(), stderr.get(10, TimeUnit.SECONDS).lines().toList());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read standard error", e);
        }
    }

    /** How a process ended: its exit status and its two output streams, line by line. */
    public record Separated(int code, List<String> stdout, List<String> stderr) {}

    private record Launched(Process process, BlockingQueue<String> lines, List<String> output, Thread reader) {}

    private static Launched launch(List<String> mainArgs, Map<String, String> env, Optional<String> umask) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.tollgate.cli.Main"));
        command.addAll(mainArgs);
        if (umask.isPresent()) {
            if (!umask.get().matches("[0-7]{3,4}")) {
                throw new IllegalArgumentException("not a umask: " + umask.get());
            }
            // exec: the shell becomes the JVM, so signals (and close()) reach Tollgate itself.
            List<String> java = command;
            command = new ArrayList<>(List.of("sh", "-c", "umask " + umask.get() + "; exec \"$0\" \"$@\""));
            command.addAll(java);
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TOLLGATE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "tollgate-output");
        reader.setDaemon(true);
        reader.start();
        return new Launched(process, lines, output, reader);
    }

    /** SIGKILL: the process gets no chance to flush or drain anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops a node; waits for the process to end and returns its exit status. */
    public int stop() throws InterruptedException {
        // Through the handle: Process.destroy() also closes our end of the output pipe, and what the
        // node prints while it stops (the line that says it stopped) would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Tollgate did not stop on SIGTERM:\n" + output());
        }
        // Everything it printed until it ended is in output() once the reader has seen the end of it.
        reader.join(10_000);
        return process.exitValue();
    }

    public String baseUrl() { return baseUrl; }

    /** Where gateway calls go: the event-loop listener when the server was started with {@code --api-port}, else the main port. */
    public String gatewayUrl() { return gatewayUrl; }

    public Path dataDir() { return dataDir; }

    public String output() { return String.join("\n", output); }

    public Path adminKeyFile() { return dataDir.resolve("admin-service-account.json"); }

    public String adminPassword() throws IOException {
        return Files.readString(dataDir.resolve("admin-password")).strip();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
