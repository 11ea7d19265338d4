package dev.tollgate.core.bootstrap;

import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import dev.tollgate.core.store.DuplicateException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The built-in installed OAuth client "Tollgate CLI" in the platform project, which {@code tollgate
 * auth login} uses against any Tollgate. Like the fixed public client id of Google's gcloud, its id is
 * the same on every installation, so the command line tool can ship it. It is a public client: it
 * has no secret, authenticates with its id alone, and gets tokens only through PKCE (the installed-app
 * flow with any loopback redirect) or the device flow, where a person signs in and consents.
 */
public final class CliClient {
    public static final String CLIENT_ID = dev.tollgate.core.oauth.AdminScope.CLI_CLIENT_ID;
    public static final String DISPLAY_NAME = "Tollgate CLI";

    private final OAuthClientRepository clients;
    private final Clock clock;

    public CliClient(OAuthClientRepository clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Creates the client unless it exists; on every start, so that installations older than the client
     * get it too. Nodes sharing a database may all try at once: the client id is the table's key, so
     * one insert wins and the others find it there.
     *
     * @return whether this call created it
     */
    public boolean ensure() {
        if (clients.find(CLIENT_ID).isPresent()) {
            return false;
        }
        try {
            // Installed clients may use any loopback redirect without registering one.
            clients.insert(new OAuthClient(CLIENT_ID, FirstStart.PLATFORM_PROJECT, ClientType.INSTALLED, DISPLAY_NAME, List.of(), List.of(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            return true;
        } catch (DuplicateException e) {
            return false;
        }
    }
}
