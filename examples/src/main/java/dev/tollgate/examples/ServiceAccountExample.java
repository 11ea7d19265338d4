package dev.tollgate.examples;

import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.client.TollgateClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Authorized access as a service account: writes a post and lists its own. Arguments: BASE_URL KEY_FILE. */
public final class ServiceAccountExample {
    private ServiceAccountExample() {}

    public static void main(String[] args) {
        Examples.main(args, ServiceAccountExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 2, "ServiceAccountExample BASE_URL KEY_FILE");
        var credentials = ServiceAccountCredentials.fromFile(Path.of(args[1]), "posts");
        TollgateClient client = TollgateClient.builder(base).credentials(credentials).build();
        Examples.show(out, "posted as " + credentials.clientEmail(),
                client.post("/posts/v1/people/me/posts", Map.of("content", "Hello from the Java client library", "visibility", "public")));
        Examples.show(out, "my posts", client.get("/posts/v1/people/me/posts"));
    }
}
