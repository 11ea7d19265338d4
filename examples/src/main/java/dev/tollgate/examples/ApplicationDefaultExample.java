package dev.tollgate.examples;

import dev.tollgate.client.ApplicationDefaultCredentials;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/**
 * Whatever credentials the environment provides (TOLLGATE_APPLICATION_CREDENTIALS,
 * GOOGLE_APPLICATION_CREDENTIALS, or the file `tollgate auth application-default login` writes):
 * lists the caller's own posts. Arguments: BASE_URL.
 */
public final class ApplicationDefaultExample {
    private ApplicationDefaultExample() {}

    public static void main(String[] args) {
        Examples.main(args, ApplicationDefaultExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 1, "ApplicationDefaultExample BASE_URL");
        var credentials = ApplicationDefaultCredentials.getDefault(Scopes.of("posts"), URI.create(base + "/token"));
        out.println("using " + credentials);
        TollgateClient client = TollgateClient.builder(base).credentials(credentials).build();
        Examples.show(out, "my posts", client.get("/posts/v1/people/me/posts"));
    }
}
