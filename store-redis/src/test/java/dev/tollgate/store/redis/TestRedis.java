package dev.tollgate.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis the tests share, at TOLLGATE_TEST_REDIS (host:port, default 127.0.0.1:6379). Other test
 * runs may use it at the same time, so every run uses its own key prefix and channel. When it is not
 * there the tests are skipped, except under CI=true, where they fail.
 */
final class TestRedis {
    static final String ADDRESS = envOr("TOLLGATE_TEST_REDIS", "127.0.0.1:6379");
    /** Unique to this test run: keys start with it, channels too. */
    static final String RUN = "tollgate-test:" + UUID.randomUUID() + ":";

    private TestRedis() {}

    static String url() {
        return "redis://" + ADDRESS;
    }

    /** For {@code @EnabledIf}: whether the shared Redis answers; throws under CI when it does not. */
    static boolean reachable() {
        String host = ADDRESS.substring(0, ADDRESS.lastIndexOf(':'));
        int port = Integer.parseInt(ADDRESS.substring(ADDRESS.lastIndexOf(':') + 1));
        boolean reachable = answersPing(host, port);
        if (!reachable && isCi()) {
            throw new IllegalStateException("CI=true but Redis is not reachable at " + ADDRESS);
        }
        return reachable;
    }

    /** Skips the test when {@code condition} is false, or fails it under CI, where nothing may be skipped silently. */
    static void requireOrSkip(boolean condition, String why) {
        if (!condition && isCi()) {
            throw new IllegalStateException("CI=true but " + why);
        }
        Assumptions.assumeTrue(condition, why);
    }

    private static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
