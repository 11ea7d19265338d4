package dev.tollgate.examples;

import dev.tollgate.client.ApiResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/** What the examples share: reading the arguments and showing an answer. */
final class Examples {
    private Examples() {}

    /** An example's body: its arguments and where to print. */
    interface Body {
        void run(String[] args, PrintStream out) throws IOException;
    }

    /** Runs an example as a program: a usage mistake exits 2, a refusal or failure exits 1, each with one line saying why. */
    static void main(String[] args, Body body) {
        try {
            body.run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            // The JDK's ConnectException has no message: say what it usually means.
            System.err.println(e.getClass().getSimpleName() + ": "
                    + (e.getMessage() == null ? "no answer; is Tollgate running at the address given?" : e.getMessage()));
            System.exit(1);
        }
    }

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
