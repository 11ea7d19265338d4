package dev.tollgate.examples;

import dev.tollgate.client.ApiKey;
import dev.tollgate.client.TollgateClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/** Simple access: reads someone's public posts with an API key. Arguments: BASE_URL KEY AUTHOR_EMAIL. */
public final class ApiKeyExample {
    private ApiKeyExample() {}

    public static void main(String[] args) {
        Examples.main(args, ApiKeyExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 3, "ApiKeyExample BASE_URL KEY AUTHOR_EMAIL");
        TollgateClient client = TollgateClient.builder(base).credentials(ApiKey.of(args[1])).build();
        Examples.show(out, "public posts of " + args[2], client.get("/posts/v1/people/" + args[2] + "/posts"));
    }
}
