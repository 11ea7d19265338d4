package dev.tollgate.server;

import dev.tollgate.core.net.Cidr;
import dev.tollgate.core.user.SignUpMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a Tollgate node is started with.
 *
 * @param host             the address to listen on
 * @param port             0 for any free port
 * @param issuer           the public base URL; empty for {@code http://localhost:PORT}
 * @param dbUrl            a JDBC URL; empty for the embedded H2 database under {@code dataDir}
 * @param catalogFile      the API catalog; empty for the built-in sample catalog
 * @param trustedProxies   peers whose X-Forwarded-For is believed
 * @param backendTimeout   how long a backend may go without progress before the gateway gives it up
 * @param adminPassword    the first administrator's password; empty to generate one
 * @param signUp           whether anyone may create an account at /signup
 * @param oauth            lifetimes and limits of people's grants
 * @param quotaDayZone     where daily quota windows start at midnight
 * @param accounting       how long per-minute usage is kept, and which statuses are billable
 * @param masterKey        where the key that seals the signing keys at rest comes from
 * @param mail             the SMTP server and sender address; none writes mail to {@code DATA/outbox/}
 * @param apiHost          the only host name the gateway answers on; empty for any
 * @param apiPort          a second port where the gateway alone is served on event loops ({@code --api-port}; 0 for any free one)
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<String> issuer, Optional<String> dbUrl,
                           Optional<String> dbUser, Optional<String> dbPassword, Optional<String> redisUrl,
                           Optional<Path> catalogFile, List<Cidr> trustedProxies, Duration backendTimeout,
                           Duration accessTokenLifetime, Optional<String> adminPassword, SignUpMode signUp,
                           OAuthSettings oauth, java.time.ZoneId quotaDayZone, AccountingSettings accounting,
                           dev.tollgate.core.secret.MasterKeySource masterKey, dev.tollgate.server.mail.MailSettings mail,
                           Optional<String> apiHost, java.util.OptionalInt apiPort) {

    /** Without {@code --api-port}: the gateway is served on the main port only. */
    public ServerConfig(String host, int port, Path dataDir, Optional<String> issuer, Optional<String> dbUrl,
                        Optional<String> dbUser, Optional<String> dbPassword, Optional<String> redisUrl,
                        Optional<Path> catalogFile, List<Cidr> trustedProxies, Duration backendTimeout,
                        Duration accessTokenLifetime, Optional<String> adminPassword, SignUpMode signUp,
                        OAuthSettings oauth, java.time.ZoneId quotaDayZone, AccountingSettings accounting,
                        dev.tollgate.core.secret.MasterKeySource masterKey, dev.tollgate.server.mail.MailSettings mail,
                        Optional<String> apiHost) {
        this(host, port, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile, trustedProxies, backendTimeout,
                accessTokenLifetime, adminPassword, signUp, oauth, quotaDayZone, accounting, masterKey, mail, apiHost,
                java.util.OptionalInt.empty());
    }

    /** Without {@code --api-host}: the gateway answers on every host name. */
    public ServerConfig(String host, int port, Path dataDir, Optional<String> issuer, Optional<String> dbUrl,
                        Optional<String> dbUser, Optional<String> dbPassword, Optional<String> redisUrl,
                        Optional<Path> catalogFile, List<Cidr> trustedProxies, Duration backendTimeout,
                        Duration accessTokenLifetime, Optional<String> adminPassword, SignUpMode signUp,
                        OAuthSettings oauth, java.time.ZoneId quotaDayZone, AccountingSettings accounting,
                        dev.tollgate.core.secret.MasterKeySource masterKey, dev.tollgate.server.mail.MailSettings mail) {
        this(host, port, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile, trustedProxies, backendTimeout,
                accessTokenLifetime, adminPassword, signUp, oauth, quotaDayZone, accounting, masterKey, mail, Optional.empty());
    }

    /** The configuration before the master key and mail could be given: {@code DATA/master-key}, mail to the outbox. */
    public ServerConfig(String host, int port, Path dataDir, Optional<String> issuer, Optional<String> dbUrl,
                        Optional<String> dbUser, Optional<String> dbPassword, Optional<String> redisUrl,
                        Optional<Path> catalogFile, List<Cidr> trustedProxies, Duration backendTimeout,
                        Duration accessTokenLifetime, Optional<String> adminPassword, SignUpMode signUp,
                        OAuthSettings oauth, java.time.ZoneId quotaDayZone, AccountingSettings accounting) {
        this(host, port, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile, trustedProxies, backendTimeout,
                accessTokenLifetime, adminPassword, signUp, oauth, quotaDayZone, accounting,
                dev.tollgate.core.secret.MasterKeySource.DATA_FOLDER, dev.tollgate.server.mail.MailSettings.OUTBOX);
    }

    /**
     * @param minuteRetention  per-minute usage rows are kept this long; per-day rows for good
     * @param billableStatuses the HTTP statuses whose calls are billed
     */
    public record AccountingSettings(Duration minuteRetention, java.util.function.IntPredicate billableStatuses, String billableStatusesText) {
        public static final AccountingSettings DEFAULT = new AccountingSettings(Duration.ofDays(35), StatusRanges.parse("200-299"), "200-299");

        public static AccountingSettings of(int minuteRetentionDays, String billableStatuses) {
            if (minuteRetentionDays < 1 || minuteRetentionDays > 3660) {
                throw new IllegalArgumentException("--usage-minute-retention-days must be between 1 and 3660");
            }
            return new AccountingSettings(Duration.ofDays(minuteRetentionDays), StatusRanges.parse(billableStatuses), billableStatuses);
        }
    }

    /**
     * @param refreshTokenMaxIdle        a refresh token unused this long dies (Google: six months)
     * @param maxRefreshTokensPerClient  a person+client holds at most this many; the oldest goes
     * @param signingKeyRotation         how old the ID-token signing key gets before a new one replaces it
     */
    public record OAuthSettings(Duration refreshTokenMaxIdle, int maxRefreshTokensPerClient, Duration signingKeyRotation) {
        public static final OAuthSettings DEFAULT = new OAuthSettings(Duration.ofDays(183), 100, Duration.ofDays(30));

        public OAuthSettings {
            if (refreshTokenMaxIdle.isNegative() || refreshTokenMaxIdle.isZero() || maxRefreshTokensPerClient < 1
                    || signingKeyRotation.compareTo(Duration.ofHours(2)) < 0) {
                throw new IllegalArgumentException("refresh-token idle time must be positive, the per-client limit at least 1,"
                        + " and the signing-key rotation at least 2 hours");
            }
        }
    }

    /** The configuration before sign-up could be closed: sign-up open. */
    public ServerConfig(String host, int port, Path dataDir, Optional<String> issuer, Optional<String> dbUrl,
                        Optional<String> dbUser, Optional<String> dbPassword, Optional<String> redisUrl,
                        Optional<Path> catalogFile, List<Cidr> trustedProxies, Duration backendTimeout,
                        Duration accessTokenLifetime, Optional<String> adminPassword) {
        this(host, port, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile, trustedProxies, backendTimeout,
                accessTokenLifetime, adminPassword, SignUpMode.OPEN, OAuthSettings.DEFAULT, java.time.ZoneOffset.UTC, AccountingSettings.DEFAULT);
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", 8080, dataDir, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(3599), Optional.empty(), SignUpMode.OPEN, OAuthSettings.DEFAULT, java.time.ZoneOffset.UTC, AccountingSettings.DEFAULT);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile,
                trustedProxies, backendTimeout, accessTokenLifetime, adminPassword, signUp, oauth, quotaDayZone, accounting, masterKey, mail,
                apiHost, apiPort);
    }

    public ServerConfig withApiPort(int newApiPort) {
        return new ServerConfig(host, port, dataDir, issuer, dbUrl, dbUser, dbPassword, redisUrl, catalogFile,
                trustedProxies, backendTimeout, accessTokenLifetime, adminPassword, signUp, oauth, quotaDayZone, accounting, masterKey, mail,
                apiHost, java.util.OptionalInt.of(newApiPort));
    }
}
