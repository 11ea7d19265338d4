package dev.tollgate.examples;

import dev.tollgate.client.InstalledAppFlow;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * A desktop program's sign-in in the browser: lists the person's calendar events and saves the
 * authorization for the next run. Arguments: BASE_URL CLIENT_SECRET_JSON [AUTHORIZED_USER_FILE_TO_WRITE].
 */
public final class InstalledAppExample {
    private InstalledAppExample() {}

    public static void main(String[] args) {
        Examples.main(args, InstalledAppExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 2, "InstalledAppExample BASE_URL CLIENT_SECRET_JSON [AUTHORIZED_USER_FILE]");
        UserCredentials credentials = InstalledAppFlow.fromClientSecrets(Path.of(args[1]), Scopes.of("calendar")).withOutput(out).authorize();
        TollgateClient client = TollgateClient.builder(base).credentials(credentials).build();
        Examples.show(out, "calendar events", client.get("/calendar/v3/calendars/primary/events"));
        if (args.length > 2) {
            credentials.writeTo(Path.of(args[2]));
            out.println("saved to " + args[2]);
        }
    }
}
