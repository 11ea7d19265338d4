package dev.tollgate.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Google's HTTP client (under google-auth-library) put on the wire, read from its own
 * java.util.logging output: requests and responses with headers and bodies. The library and its
 * default transport stay unchanged; this only listens, so that a failing interoperability test
 * shows the exact exchange.
 */
final class InteropWireLog implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers weakly. */
    private static final Logger TRANSPORT = Logger.getLogger("com.google.api.client.http.HttpTransport");

    private static final Pattern ASSERTION = Pattern.compile("\\b((?:client_)?assertion)=([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.");

    private final List<String> lines = new ArrayList<>();
    private final Level previous;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private InteropWireLog() {
        previous = TRANSPORT.getLevel();
        handler.setLevel(Level.ALL);
        TRANSPORT.setLevel(Level.ALL);
        TRANSPORT.addHandler(handler);
    }

    static InteropWireLog start() {
        return new InteropWireLog();
    }

    /** Everything seen so far, in order. */
    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public String toString() {
        return "HTTP exchange seen by google-http-client:\n" + text() + decodedAssertions();
    }

    /** The header and claims of every JWT assertion sent, decoded, since they are what a token endpoint judges. */
    private String decodedAssertions() {
        var out = new StringBuilder();
        Matcher m = ASSERTION.matcher(text());
        while (m.find()) {
            out.append("\ndecoded ").append(m.group(1)).append(": ")
                    .append(new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8)).append(' ')
                    .append(new String(Base64.getUrlDecoder().decode(m.group(3)), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Override
    public void close() {
        TRANSPORT.removeHandler(handler);
        TRANSPORT.setLevel(previous);
    }
}
