package dev.tollgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.DeviceFlow;
import dev.tollgate.client.InstalledAppFlow;
import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.ClientSecretFile;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate auth}: who the command line acts as. */
@Command(name = "auth", description = "Sign in, list and revoke the accounts the command line acts as.",
        subcommands = {AuthCommand.Login.class, AuthCommand.ListAccounts.class, AuthCommand.Revoke.class,
                AuthCommand.PrintAccessToken.class, AuthCommand.PrintIdentityToken.class,
                AuthCommand.ActivateServiceAccount.class, ApplicationDefaultCommand.class})
final class AuthCommand {
    /** The built-in installed client every Tollgate has ({@code dev.tollgate.core.bootstrap.CliClient}). */
    static final String CLI_CLIENT_ID = "tollgate-cli.apps.tollgate";
    /** Who the person is, and the admin API. */
    static final String LOGIN_SCOPES = "openid email admin";

    private AuthCommand() {}

    /** Signs a person in with the CLI client: the browser on a loopback address with PKCE, or the device flow. */
    static UserCredentials signIn(Session session, String scopes, boolean noBrowser) throws IOException {
        OAuthService oauth = session.oauth();
        ProviderMetadata metadata = oauth.metadata();
        Scopes wanted;
        try {
            wanted = Scopes.parse(scopes);
        } catch (OAuthException e) {
            throw new UsageException("Invalid --scopes: " + e.description());
        }
        if (noBrowser) {
            return DeviceFlow.of(URI.create(metadata.deviceAuthorizationEndpoint()), URI.create(metadata.tokenEndpoint()),
                    CLI_CLIENT_ID, null, wanted, System.out, CredentialOptions.defaults()).authorize();
        }
        var client = new ClientSecretFile.Details(CLI_CLIENT_ID, null, metadata.authorizationEndpoint(), metadata.tokenEndpoint(),
                null, null, null, null);
        return InstalledAppFlow.of(client, wanted).withIssuer(metadata).withOutput(System.out).withTimeout(Duration.ofMinutes(5)).authorize();
    }

    /** The server that issued a person's refresh token: the one its file names, whatever the endpoint is now. */
    static OAuthService serverOf(UserCredentials user) {
        return OAuthService.at(user.tokenUri().resolve("/"));
    }

    /** The verified address of the person an ID token names. */
    static String email(Session session, UserCredentials credentials) throws IOException {
        String idToken = credentials.idToken().orElseThrow(() -> new CliException(
                "The server returned no ID token; ask for the openid and email scopes."));
        return session.oauth().idTokenVerifier(CLI_CLIENT_ID).verify(idToken).email()
                .orElseThrow(() -> new CliException("The ID token carries no email; ask for the email scope."));
    }

    @Command(name = "login", description = "Sign in as a person with the browser (or, with --no-browser, on another device) and make that account active.")
    static final class Login implements Callable<Integer> {
        @Option(names = "--no-browser", description = "Sign in on another device: prints a page and a code (the device flow).")
        boolean noBrowser;

        @Option(names = "--scopes", defaultValue = LOGIN_SCOPES, description = "The scopes to ask for (default: ${DEFAULT-VALUE}).")
        String scopes;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            UserCredentials credentials = signIn(session, scopes, noBrowser);
            String account = email(session, credentials);
            session.accounts.store(account, credentials.toFileJson());
            session.configurations.set("account", account);
            Session.status("You are now signed in as " + account + ".");
            return 0;
        }
    }

    @Command(name = "list", description = "List the accounts signed in here; the active one is marked.")
    static final class ListAccounts implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String active = session.configurations.get("account").orElse("");
            ArrayNode rows = new ObjectMapper().createArrayNode();
            for (Accounts.Account a : session.accounts.list()) {
                rows.addObject().put("active", a.name().equals(active) ? "*" : "").put("account", a.name()).put("type", a.type());
            }
            Output.list(System.out, rows, List.of("active", "account", "type"));
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a person's refresh token at the server and forget the account (the active one unless named).")
    static final class Revoke implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ACCOUNT")
        String account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String name = account != null ? account : session.account();
            OAuth2Credentials credentials = session.accounts.credentials(name);
            if (credentials instanceof UserCredentials user) {
                AuthCommand.serverOf(user).revoke(user.refreshToken(), new ClientAuth.None(user.clientId()));
            }
            session.accounts.remove(name);
            if (session.configurations.get("account").filter(name::equals).isPresent()) {
                session.configurations.set("account", null);
            }
            Session.status("Revoked credentials: " + name);
            return 0;
        }
    }

    @Command(name = "print-access-token", description = "Print an access token of the active account (or the one named).")
    static final class PrintAccessToken implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ACCOUNT")
        String account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            System.out.println(session.accounts.credentials(account != null ? account : session.account()).accessToken().value());
            return 0;
        }
    }

    @Command(name = "print-identity-token", description = "Print an OpenID Connect ID token of the active account (or the one named): "
            + "for a person, the one of their sign-in; for a service account, a new one for --audiences.")
    static final class PrintIdentityToken implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ACCOUNT")
        String account;

        @Option(names = "--audiences", paramLabel = "AUDIENCE",
                description = "The service the token is for (its aud); required for a service account, not taken for a person.")
        String audience;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String name = account != null ? account : session.account();
            OAuth2Credentials credentials = session.accounts.credentials(name);
            if (credentials instanceof ServiceAccountCredentials robot) {
                if (audience == null || audience.isBlank()) {
                    throw new UsageException("The account " + name + " is a service account: give --audiences AUDIENCE, the service the token is for.");
                }
                System.out.println(robot.idToken(audience));
                return 0;
            }
            if (!(credentials instanceof UserCredentials user)) {
                throw new CliException("The account " + name + " cannot have an identity token.");
            }
            if (audience != null) {
                throw new UsageException("--audiences is for service accounts; a person's ID token is for the client they signed in with.");
            }
            user.refresh();
            System.out.println(user.idToken().orElseThrow(() -> new CliException(
                    "The server returned no ID token; sign in again with the openid scope.")));
            return 0;
        }
    }

    @Command(name = "activate-service-account", description = "Keep a service account's key file as an account and make it active.")
    static final class ActivateServiceAccount implements Callable<Integer> {
        @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "The service account's key file (JSON).")
        Path keyFile;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            if (!Files.isRegularFile(keyFile)) {
                throw new UsageException("The key file " + keyFile + " does not exist.");
            }
            if (!ServiceAccountKeyFile.TYPE.equals(Accounts.type(keyFile))) {
                throw new UsageException("The file " + keyFile + " is not a service account key file.");
            }
            ServiceAccountCredentials credentials = ServiceAccountCredentials.fromFile(keyFile, Accounts.ADMIN, CredentialOptions.defaults());
            String account = credentials.clientEmail();
            session.accounts.store(account, Files.readString(keyFile));
            session.configurations.set("account", account);
            Session.status("Activated service account credentials for: [" + account + "]");
            return 0;
        }
    }
}
