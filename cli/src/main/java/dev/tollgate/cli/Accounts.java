package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.AuthorizedUserFile;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The accounts signed in on this machine, one credential file each in {@code credentials/ACCOUNT.json}:
 * a person's {@code authorized_user} file (with the refresh token of the CLI client) or a service account's
 * key file. Files are written readable by their owner only.
 */
final class Accounts {
    /** What the command line asks for: the admin API, and for a person also who they are. */
    static final Scopes ADMIN = Scopes.of("admin");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigDir dir;

    Accounts(ConfigDir dir) {
        this.dir = dir;
    }

    record Account(String name, String type) {}

    List<Account> list() throws IOException {
        Path credentials = dir.resolve("credentials");
        var out = new ArrayList<Account>();
        if (Files.isDirectory(credentials)) {
            try (Stream<Path> files = Files.list(credentials)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    out.add(new Account(name.substring(0, name.length() - ".json".length()), type(f)));
                }
            }
        }
        return out;
    }

    boolean exists(String account) {
        return Files.isRegularFile(file(account));
    }

    void store(String account, String fileJson) throws IOException {
        dir.directory("credentials");
        dir.write(file(account), fileJson.endsWith("\n") ? fileJson : fileJson + "\n");
    }

    void remove(String account) throws IOException {
        Files.deleteIfExists(file(account));
    }

    Path file(String account) {
        if (account.isEmpty() || account.contains("/") || account.contains("\\") || account.startsWith(".")) {
            throw new UsageException("Not an account name: " + account);
        }
        return dir.resolve("credentials").resolve(account + ".json");
    }

    /** The credentials of an account; a person's refresh token, when it rotates, is written back to its file. */
    OAuth2Credentials credentials(String account) throws IOException {
        if (!exists(account)) {
            throw new CliException("The account " + account + " is not signed in here; `tollgate auth list` lists the accounts.");
        }
        return load(file(account));
    }

    /** Credentials from a file of either type. */
    static OAuth2Credentials load(Path file) throws IOException {
        String type = type(file);
        if (ServiceAccountKeyFile.TYPE.equals(type)) {
            return ServiceAccountCredentials.fromFile(file, ADMIN, CredentialOptions.defaults());
        }
        if (AuthorizedUserFile.TYPE.equals(type)) {
            return UserCredentials.fromFile(file, null, CredentialOptions.defaults());
        }
        throw new CliException("The credential file " + file + " has type " + type + "; expected "
                + ServiceAccountKeyFile.TYPE + " or " + AuthorizedUserFile.TYPE + ".");
    }

    static String type(Path file) throws IOException {
        JsonNode node = JSON.readTree(Files.readString(file));
        return node == null ? null : node.path("type").asText(null);
    }
}
