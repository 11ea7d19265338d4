package dev.tollgate.cli;

import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.ClientAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate auth application-default}: the credentials programs find without naming a file, in
 * {@code ~/.config/tollgate/application_default_credentials.json}, the well-known file the client library's
 * {@code ApplicationDefaultCredentials} reads (with {@code TOLLGATE_CONFIG_DIR} set, the file in that directory).
 */
@Command(name = "application-default", description = "Manage the application default credentials programs use.",
        subcommands = {ApplicationDefaultCommand.Login.class, ApplicationDefaultCommand.PrintAccessToken.class,
                ApplicationDefaultCommand.Revoke.class})
final class ApplicationDefaultCommand {
    private ApplicationDefaultCommand() {}

    static Path file(Session session) throws IOException {
        Path file = session.dir.applicationDefaultCredentials();
        if (!Files.isRegularFile(file)) {
            throw new CliException("No application default credentials at " + file + "; run `tollgate auth application-default login`.");
        }
        return file;
    }

    @Command(name = "login", description = "Sign in as a person and write the application default credentials file.")
    static final class Login implements Callable<Integer> {
        @Option(names = "--no-browser", description = "Sign in on another device (the device flow).")
        boolean noBrowser;

        @Option(names = "--scopes", defaultValue = AuthCommand.LOGIN_SCOPES, description = "The scopes to ask for (default: ${DEFAULT-VALUE}).")
        String scopes;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            UserCredentials credentials = AuthCommand.signIn(session, scopes, noBrowser);
            Path file = session.dir.applicationDefaultCredentials();
            session.dir.write(file, credentials.toFileJson() + "\n");
            Session.status("Credentials saved to file: [" + file + "]");
            return 0;
        }
    }

    @Command(name = "print-access-token", description = "Print an access token from the application default credentials file.")
    static final class PrintAccessToken implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            OAuth2Credentials credentials = Accounts.load(file(session));
            System.out.println(credentials.accessToken().value());
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke the person's refresh token in the application default credentials file and delete the file.")
    static final class Revoke implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Path file = file(session);
            if (Accounts.load(file) instanceof UserCredentials user) {
                AuthCommand.serverOf(user).revoke(user.refreshToken(), new ClientAuth.None(user.clientId()));
            }
            Files.delete(file);
            Session.status("Credentials revoked and " + file + " deleted.");
            return 0;
        }
    }
}
