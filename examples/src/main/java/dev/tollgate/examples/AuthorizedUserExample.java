package dev.tollgate.examples;

import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.UserCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * A person's saved authorization (an authorized_user file): lists their calendar events; a rotated
 * refresh token is written back to the file. Arguments: BASE_URL AUTHORIZED_USER_FILE.
 */
public final class AuthorizedUserExample {
    private AuthorizedUserExample() {}

    public static void main(String[] args) {
        Examples.main(args, AuthorizedUserExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 2, "AuthorizedUserExample BASE_URL AUTHORIZED_USER_FILE");
        var credentials = UserCredentials.fromFile(Path.of(args[1]), URI.create(base + "/token"), CredentialOptions.defaults());
        TollgateClient client = TollgateClient.builder(base).credentials(credentials).build();
        Examples.show(out, "calendar events", client.get("/calendar/v3/calendars/primary/events"));
    }
}
