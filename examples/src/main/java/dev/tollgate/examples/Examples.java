package dev.tollgate.examples;

import dev.tollgate.client.ApiResponse;
import java.io.PrintStream;
import java.net.URI;

/** What the examples share: reading the arguments and showing an answer. */
final class Examples {
    private Examples() {}

    static URI baseUrl(String[] args, int count, String usage) {
        if (args.length < count) {
            throw new IllegalArgumentException("Usage: " + usage);
        }
        return URI.create(args[0]);
    }

    static void show(PrintStream out, String what, ApiResponse response) {
        out.println(what + ": " + response.status() + " " + response.body());
        response.rateLimit().ifPresent(r -> out.println("  quota: " + r.remaining() + " of " + r.limit() + " left, resets in " + r.resetSeconds() + " s"));
    }

}
