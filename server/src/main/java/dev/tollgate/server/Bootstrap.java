package dev.tollgate.server;

import dev.tollgate.core.project.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.user.PasswordHasher;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserRepository;
import dev.tollgate.core.user.VerifiedAddressRepository;
import dev.tollgate.server.http.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;

/**
 * On the first start with an empty database: the platform project {@code tollgate}, the
 * administrator {@code admin@localhost} and the service account {@code admin@tollgate.iam}, both
 * platform administrators; their credentials are written once, readable by the owner only.
 */
final class Bootstrap {
    static final String PLATFORM_PROJECT = "tollgate";
    static final String ADMIN_EMAIL = "admin@localhost";
    static final String ADMIN_ACCOUNT_ID = "admin";

    private final ProjectRepository projects;
    private final ServiceAccountService serviceAccounts;
    private final UserRepository users;
    private final VerifiedAddressRepository verifiedAddresses;
    private final Clock clock;

    Bootstrap(ProjectRepository projects, ServiceAccountService serviceAccounts, UserRepository users,
              VerifiedAddressRepository verifiedAddresses, Clock clock) {
        this.verifiedAddresses = verifiedAddresses;
        this.projects = projects;
        this.serviceAccounts = serviceAccounts;
        this.users = users;
        this.clock = clock;
    }

    void runIfFirstStart(Path dataDir, Optional<String> adminPassword, PrintStream out) {
        if (projects.find(PLATFORM_PROJECT).isPresent()) {
            return;
        }
        Member adminAccount = Member.serviceAccount(ServiceAccount.emailOf(ADMIN_ACCOUNT_ID, PLATFORM_PROJECT));
        try {
            projects.insert(new Project(PLATFORM_PROJECT, Secrets.randomDigits(12), "Tollgate platform", clock.instant()), adminAccount);
        } catch (dev.tollgate.core.store.DuplicateException e) {
            // Another node sharing this database started at the same moment and bootstraps it.
            return;
        }
        ServiceAccount account = serviceAccounts.createUnchecked(PLATFORM_PROJECT, ADMIN_ACCOUNT_ID, "Tollgate administrator");
        var key = serviceAccounts.createKeyUnchecked(account);
        writeSecret(dataDir.resolve("admin-service-account.json"), Json.write(key.keyFile()) + "\n");
        projects.grantPlatformAdmin(adminAccount);

        String password = adminPassword.filter(p -> !p.isBlank()).orElseGet(() -> Secrets.randomBase62(24));
        var admin = new User(Secrets.randomDigits(21), ADMIN_EMAIL, new PasswordHasher().hash(password), clock.instant());
        users.insert(admin);
        // admin@localhost can receive no mail: its address is vouched for by whoever started the server.
        verifiedAddresses.markVerified(admin.userId(), ADMIN_EMAIL, clock.instant());
        projects.grantPlatformAdmin(Member.user(ADMIN_EMAIL));
        writeSecret(dataDir.resolve("admin-password"), password + "\n");
        if (adminPassword.isEmpty()) {
            out.println("Created the administrator " + ADMIN_EMAIL + " with password " + password
                    + " (also in " + dataDir.resolve("admin-password") + ")");
        }
        out.println("Created the service account " + account.email() + "; its key file is "
                + dataDir.resolve("admin-service-account.json"));
    }

    private static void writeSecret(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Cannot create " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
