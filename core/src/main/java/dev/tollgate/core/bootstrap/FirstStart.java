package dev.tollgate.core.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.oauth.OAuthClientRepository;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.secret.PrivateFiles;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.user.PasswordHasher;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserRepository;
import dev.tollgate.core.user.VerifiedAddressRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What a node needs before anyone can administer it: the platform project {@code tollgate}, the
 * administrator {@code admin@localhost} and the service account {@code admin@tollgate.iam}, both
 * platform administrators. Their credentials are written once into the data folder, readable by
 * the owner only. It also makes sure the platform project has the built-in {@link CliClient}, on
 * installations made before there was one too. Running it again (on every start, or on several
 * nodes at once) changes nothing.
 */
public final class FirstStart {
    public static final String PLATFORM_PROJECT = "tollgate";
    public static final String ADMIN_EMAIL = "admin@localhost";
    public static final String ADMIN_ACCOUNT_ID = "admin";
    public static final String ADMIN_PASSWORD_FILE = "admin-password";
    public static final String ADMIN_KEY_FILE = "admin-service-account.json";

    private final ProjectRepository projects;
    private final ServiceAccountService serviceAccounts;
    private final UserRepository users;
    private final VerifiedAddressRepository verifiedAddresses;
    private final CliClient cliClient;
    private final Clock clock;

    /**
     * What this run created, for the caller to tell the operator.
     *
     * @param generatedPassword the administrator's password when this run made it up
     * @param passwordFile      where the administrator's password was written, when this run created the administrator
     * @param keyFile           where the service account's key file was written, when this run created the account
     * @param cliClientCreated  whether this run created the built-in CLI client
     */
    public record Outcome(String adminEmail, Optional<String> generatedPassword, Optional<Path> passwordFile,
                          String serviceAccountEmail, Optional<Path> keyFile, boolean cliClientCreated) {
        public boolean changedAnything() {
            return passwordFile.isPresent() || keyFile.isPresent() || cliClientCreated;
        }
    }

    public FirstStart(ProjectRepository projects, ServiceAccountService serviceAccounts, UserRepository users,
                      VerifiedAddressRepository verifiedAddresses, OAuthClientRepository clients, Clock clock) {
        this.projects = projects;
        this.serviceAccounts = serviceAccounts;
        this.users = users;
        this.verifiedAddresses = verifiedAddresses;
        this.cliClient = new CliClient(clients, clock);
        this.clock = clock;
    }

    /**
     * @param adminPassword the administrator's password; empty (or blank) to generate one
     */
    public Outcome run(Path dataDir, Optional<String> adminPassword) {
        Member adminAccount = Member.serviceAccount(ServiceAccount.emailOf(ADMIN_ACCOUNT_ID, PLATFORM_PROJECT));
        if (projects.find(PLATFORM_PROJECT).isPresent()) {
            return new Outcome(ADMIN_EMAIL, Optional.empty(), Optional.empty(), adminAccount.email(), Optional.empty(), cliClient.ensure());
        }
        try {
            projects.insert(new Project(PLATFORM_PROJECT, Secrets.randomDigits(12), "Tollgate platform", clock.instant()), adminAccount);
        } catch (DuplicateException e) {
            // Another node sharing this database started at the same moment and bootstraps it.
            return new Outcome(ADMIN_EMAIL, Optional.empty(), Optional.empty(), adminAccount.email(), Optional.empty(), cliClient.ensure());
        }
        ServiceAccount account = serviceAccounts.createUnchecked(PLATFORM_PROJECT, ADMIN_ACCOUNT_ID, "Tollgate administrator");
        var key = serviceAccounts.createKeyUnchecked(account);
        Path keyFile = dataDir.resolve(ADMIN_KEY_FILE);
        PrivateFiles.write(keyFile, json(key.keyFile()) + "\n");
        projects.grantPlatformAdmin(adminAccount);

        Optional<String> given = adminPassword.filter(p -> !p.isBlank());
        String password = given.orElseGet(() -> Secrets.randomBase62(24));
        var admin = new User(Secrets.randomDigits(21), ADMIN_EMAIL, new PasswordHasher().hash(password), clock.instant());
        users.insert(admin);
        // admin@localhost can receive no mail: its address is vouched for by whoever started the server.
        verifiedAddresses.markVerified(admin.userId(), ADMIN_EMAIL, clock.instant());
        projects.grantPlatformAdmin(Member.user(ADMIN_EMAIL));
        Path passwordFile = dataDir.resolve(ADMIN_PASSWORD_FILE);
        PrivateFiles.write(passwordFile, password + "\n");
        return new Outcome(ADMIN_EMAIL, given.isPresent() ? Optional.empty() : Optional.of(password), Optional.of(passwordFile),
                account.email(), Optional.of(keyFile), cliClient.ensure());
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The key file does not serialize", e);
        }
    }
}
