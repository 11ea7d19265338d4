package dev.tollgate.store.redis;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port, to stop and start again (or pause) without
 * disturbing anyone else's tests on the shared Redis. Keeps nothing on disk.
 */
final class PrivateRedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private PrivateRedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Skips the test when redis-server is not installed (fails it under CI). */
    static PrivateRedisServer start() throws IOException {
        TestRedis.requireOrSkip(onPath("redis-server"), "redis-server is not installed");
        PrivateRedisServer server = new PrivateRedisServer(freePort(), Files.createTempDirectory("tollgate-redis"));
        server.startAgain();
        return server;
    }

    /** A port where nothing listens, for a Redis that is down from the start. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void startAgain() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!TestRedis.answersPing("127.0.0.1", port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
            }
            sleep(20);
        }
    }

    /** Stops it the way an outage would: its data is lost. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        send("SHUTDOWN NOSAVE");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Makes it hold every client's commands for a while, as an overloaded Redis would, keeping its data. */
    void pause(long millis) {
        send("CLIENT PAUSE " + millis + " ALL");
    }

    /** Makes it hold commands that write, PUBLISH among them, while subscribers stay connected. */
    void pauseWrites(long millis) {
        send("CLIENT PAUSE " + millis + " WRITE");
    }

    private void send(String command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            // SHUTDOWN closes the connection without a reply.
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
