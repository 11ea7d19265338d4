package dev.tollgate.cli;

import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code tollgate print-token}: a service account's access token, for scripts and curl (like gcloud's), without
 * keeping the key file as an account ({@code auth activate-service-account} does that).
 */
@CommandLine.Command(name = "print-token", mixinStandardHelpOptions = true,
        description = "Exchange a service-account key file for an access token and print it.")
final class PrintTokenCommand implements Callable<Integer> {

    @Option(names = "--key-file", required = true, description = "A service-account key file (JSON).")
    Path keyFile;

    @Option(names = "--scope", split = ",", defaultValue = "admin", description = "Scopes, comma-separated (default admin).")
    List<String> scopes;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(keyFile) || !ServiceAccountKeyFile.TYPE.equals(Accounts.type(keyFile))) {
            throw new UsageException(keyFile + " is not a service-account key file");
        }
        var credentials = ServiceAccountCredentials.fromFile(keyFile, Scopes.of(scopes), CredentialOptions.defaults());
        System.out.println(credentials.accessToken().value());
        return 0;
    }
}
