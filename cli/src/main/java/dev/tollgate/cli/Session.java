package dev.tollgate.cli;

import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.admin.AdminClient;
import java.io.IOException;
import java.net.URI;

/**
 * What a command runs with: the configuration directory, the active configuration's properties overridden
 * by the global flags, and an admin API client with the active account's credentials. All HTTP goes through
 * the client library.
 */
final class Session {
    static final String DEFAULT_ENDPOINT = "http://localhost:8080";

    final ConfigDir dir;
    final Configurations configurations;
    final Accounts accounts;
    private TollgateClient client;

    private Session(ConfigDir dir) {
        this.dir = dir;
        this.configurations = new Configurations(dir);
        this.accounts = new Accounts(dir);
    }

    static Session open() {
        Output.validate(Globals.format);
        return new Session(ConfigDir.of(System.getenv()));
    }

    URI endpoint() throws IOException {
        String e = Globals.endpoint != null ? Globals.endpoint : configurations.get("endpoint").orElse(DEFAULT_ENDPOINT);
        URI uri;
        try {
            uri = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("The endpoint " + e + " is not a URL.");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("The endpoint " + e + " is not an http or https URL.");
        }
        return uri;
    }

    String project() throws IOException {
        String p = Globals.project != null ? Globals.project : configurations.get("project").orElse(null);
        if (p == null || p.isBlank()) {
            throw new UsageException("No project: give --project or run `tollgate config set project PROJECT_ID`.");
        }
        return p;
    }

    String account() throws IOException {
        return configurations.get("account").orElseThrow(() -> new CliException(
                "You are not signed in: run `tollgate auth login` or `tollgate auth activate-service-account --key-file FILE`."));
    }

    OAuth2Credentials credentials() throws IOException {
        return accounts.credentials(account());
    }

    OAuthService oauth() throws IOException {
        return OAuthService.at(endpoint());
    }

    TollgateClient client() throws IOException {
        if (client == null) {
            client = TollgateClient.builder(endpoint()).credentials(credentials()).retryBudget(java.time.Duration.ofSeconds(10)).build();
        }
        return client;
    }

    /** The admin API with the active account's credentials. */
    AdminClient admin() throws IOException {
        return AdminClient.of(client());
    }

    /** A progress message on standard error, unless --quiet. */
    static void status(String message) {
        if (!Globals.quiet) {
            System.err.println(message);
        }
    }
}
