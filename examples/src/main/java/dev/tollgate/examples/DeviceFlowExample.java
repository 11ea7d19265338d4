package dev.tollgate.examples;

import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.DeviceFlow;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/**
 * Sign-in on a device without a browser: prints a code to enter on another device, then lists the
 * person's calendar events. Arguments: BASE_URL CLIENT_ID [CLIENT_SECRET].
 */
public final class DeviceFlowExample {
    private DeviceFlowExample() {}

    public static void main(String[] args) {
        Examples.main(args, DeviceFlowExample::run);
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) throws IOException {
        URI base = Examples.baseUrl(args, 2, "DeviceFlowExample BASE_URL CLIENT_ID [CLIENT_SECRET]");
        ProviderMetadata server = OAuthService.at(base).metadata();
        UserCredentials credentials = DeviceFlow.of(URI.create(server.deviceAuthorizationEndpoint()), URI.create(server.tokenEndpoint()),
                args[1], args.length > 2 ? args[2] : null, Scopes.of("calendar"), out, CredentialOptions.defaults()).authorize();
        TollgateClient client = TollgateClient.builder(base).credentials(credentials).build();
        Examples.show(out, "calendar events", client.get("/calendar/v3/calendars/primary/events"));
    }
}
