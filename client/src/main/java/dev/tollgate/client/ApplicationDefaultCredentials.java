package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.protocol.AuthorizedUserFile;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the credentials a program runs with, without the program naming a file, in this order:
 * <ol>
 *   <li>the file named by {@code TOLLGATE_APPLICATION_CREDENTIALS};</li>
 *   <li>the file named by {@code GOOGLE_APPLICATION_CREDENTIALS};</li>
 *   <li>{@code ~/.config/tollgate/application_default_credentials.json}, which
 *       {@code tollgate auth application-default login} writes.</li>
 * </ol>
 * A variable that is set must name a usable file: a mistake there is reported rather than silently
 * passed over. When nothing is found, the error lists every place that was looked at.
 */
public final class ApplicationDefaultCredentials {
    /** Tollgate's own variable, looked at first. */
    public static final String TOLLGATE_VARIABLE = "TOLLGATE_APPLICATION_CREDENTIALS";
    /** Google's variable, looked at second so programs written for Google's libraries work unchanged. */
    public static final String GOOGLE_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";
    /** The well-known file, relative to the home directory. */
    public static final Path WELL_KNOWN_FILE = Path.of(".config", "tollgate", "application_default_credentials.json");

    private final Map<String, String> environment;
    private final Path home;

    private ApplicationDefaultCredentials(Map<String, String> environment, Path home) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.home = Objects.requireNonNull(home, "home");
    }

    /** Looks in this process's environment and the user's home directory. */
    public static ApplicationDefaultCredentials fromEnvironment() {
        return new ApplicationDefaultCredentials(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Looks in the given environment and home directory (for tests and for tools that run programs). */
    public static ApplicationDefaultCredentials of(Map<String, String> environment, Path home) {
        return new ApplicationDefaultCredentials(Map.copyOf(environment), home);
    }

    /** {@link #fromEnvironment()}, then {@link #get(Scopes, URI, CredentialOptions)}. */
    public static OAuth2Credentials getDefault(Scopes scopes, URI defaultTokenUri) throws CredentialsException {
        return fromEnvironment().get(scopes, defaultTokenUri, CredentialOptions.defaults());
    }

    /** The well-known file for this home directory. */
    public Path wellKnownFile() {
        return home.resolve(WELL_KNOWN_FILE);
    }

    /** The file that would be used, with how it was found; fails as {@link #get} does. */
    public Path locate() throws CredentialsException {
        List<String> lookedAt = new ArrayList<>();
        for (String variable : List.of(TOLLGATE_VARIABLE, GOOGLE_VARIABLE)) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                lookedAt.add(variable + " is not set");
                continue;
            }
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                throw new CredentialsException(variable + " names " + file + ", which is not a readable file.");
            }
            return file;
        }
        Path wellKnown = wellKnownFile();
        if (Files.isRegularFile(wellKnown)) {
            return wellKnown;
        }
        lookedAt.add(wellKnown + " does not exist");
        throw new CredentialsException("No application default credentials: " + String.join("; ", lookedAt)
                + ". Run `tollgate auth application-default login`, or set " + TOLLGATE_VARIABLE
                + " to a service account key file or an authorized_user file.");
    }

    /**
     * The credentials in the file found.
     *
     * @param scopes          what a service account asks for (a person's file carries what the person granted)
     * @param defaultTokenUri where to refresh a person's token when the file does not say (Google's files do not)
     */
    public OAuth2Credentials get(Scopes scopes, URI defaultTokenUri, CredentialOptions options) throws CredentialsException {
        Path file = locate();
        JsonNode node = CredentialFiles.read(file);
        String type = CredentialFiles.type(node);
        if (ServiceAccountKeyFile.TYPE.equals(type)) {
            return ServiceAccountCredentials.fromFile(file, scopes, options);
        }
        if (AuthorizedUserFile.TYPE.equals(type)) {
            return UserCredentials.fromFile(file, defaultTokenUri, options);
        }
        throw new CredentialsException("The credential file " + file + " has type " + type + "; expected "
                + ServiceAccountKeyFile.TYPE + " or " + AuthorizedUserFile.TYPE + ".");
    }
}
