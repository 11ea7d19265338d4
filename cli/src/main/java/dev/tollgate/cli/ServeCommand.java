package dev.tollgate.cli;

import dev.tollgate.core.net.Cidr;
import dev.tollgate.core.user.SignUpMode;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.StartupLogs;
import dev.tollgate.server.StartupProblem;
import dev.tollgate.server.Tollgate;
import dev.tollgate.server.mail.MailSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code tollgate serve}: runs one node until it is stopped. Every option has an environment variable. */
@CommandLine.Command(name = "serve", mixinStandardHelpOptions = true, description = "Run Tollgate.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:TOLLGATE_PORT:-8080}", description = "Port to listen on (TOLLGATE_PORT, default 8080; 0 picks a free port).")
    int port;

    @Option(names = "--host", defaultValue = "${env:TOLLGATE_HOST:-0.0.0.0}", description = "Address to listen on (TOLLGATE_HOST).")
    String host;

    @Option(names = "--data", defaultValue = "${env:TOLLGATE_DATA:-data}", description = "Data folder (TOLLGATE_DATA, default ./data).")
    Path data;

    @Option(names = "--issuer", defaultValue = "${env:TOLLGATE_ISSUER}", description = "Public base URL (TOLLGATE_ISSUER, default http://localhost:PORT).")
    String issuer;

    @CommandLine.Mixin
    DatabaseOptions database;

    @CommandLine.Mixin
    MasterKeyOptions masterKey;

    @Option(names = "--redis", defaultValue = "${env:TOLLGATE_REDIS_URL}", description = "Redis URL for several nodes (TOLLGATE_REDIS_URL).")
    String redis;

    @Option(names = "--config", defaultValue = "${env:TOLLGATE_CONFIG}", description = "API catalog file (TOLLGATE_CONFIG; default: the built-in sample catalog).")
    Path config;

    @Option(names = "--trusted-proxies", split = ",", defaultValue = "${env:TOLLGATE_TRUSTED_PROXIES}",
            description = "Comma-separated addresses or CIDR blocks whose X-Forwarded-For is trusted (TOLLGATE_TRUSTED_PROXIES).")
    List<String> trustedProxies;

    @Option(names = "--backend-timeout", defaultValue = "${env:TOLLGATE_BACKEND_TIMEOUT:-30}", description = "Seconds a backend may go without progress before it is given up (TOLLGATE_BACKEND_TIMEOUT, default 30).")
    int backendTimeoutSeconds;

    @Option(names = "--api-host", defaultValue = "${env:TOLLGATE_API_HOST:-}",
            description = "Serve the API gateway only for this Host name, and the sign-in and consent pages never on it (TOLLGATE_API_HOST).")
    String apiHost;

    @Option(names = "--api-port", defaultValue = "${env:TOLLGATE_API_PORT:--1}",
            description = "Also serve the API gateway, and only it, on this port, on event loops (TOLLGATE_API_PORT; 0 picks a free port; default: none).")
    int apiPort;

    @Option(names = "--access-token-lifetime", defaultValue = "${env:TOLLGATE_ACCESS_TOKEN_LIFETIME:-3599}",
            description = "Seconds an access token lives (TOLLGATE_ACCESS_TOKEN_LIFETIME, default 3599).")
    int accessTokenLifetimeSeconds;

    @Option(names = "--signup", defaultValue = "${env:TOLLGATE_SIGNUP:-open}",
            description = "Whether anyone may create an account at /signup: open or closed (TOLLGATE_SIGNUP, default open).")
    String signUp;

    @Option(names = "--refresh-token-max-idle-days", defaultValue = "${env:TOLLGATE_REFRESH_TOKEN_MAX_IDLE_DAYS:-183}",
            description = "Days a refresh token may go unused before it dies (TOLLGATE_REFRESH_TOKEN_MAX_IDLE_DAYS, default 183).")
    int refreshTokenMaxIdleDays;

    @Option(names = "--max-refresh-tokens-per-client", defaultValue = "${env:TOLLGATE_MAX_REFRESH_TOKENS_PER_CLIENT:-100}",
            description = "Refresh tokens a person may hold for one client; the oldest goes (TOLLGATE_MAX_REFRESH_TOKENS_PER_CLIENT, default 100).")
    int maxRefreshTokensPerClient;

    @Option(names = "--signing-key-rotation-days", defaultValue = "${env:TOLLGATE_SIGNING_KEY_ROTATION_DAYS:-30}",
            description = "Days before the ID-token signing key is replaced (TOLLGATE_SIGNING_KEY_ROTATION_DAYS, default 30).")
    int signingKeyRotationDays;

    @Option(names = "--quota-time-zone", defaultValue = "${env:TOLLGATE_QUOTA_TIME_ZONE:-UTC}",
            description = "Time zone whose midnight starts daily quota windows (TOLLGATE_QUOTA_TIME_ZONE, default UTC).")
    String quotaTimeZone;

    @Option(names = "--usage-minute-retention-days", defaultValue = "${env:TOLLGATE_USAGE_MINUTE_RETENTION_DAYS:-35}",
            description = "Days per-minute usage is kept; per-day usage is kept for good (TOLLGATE_USAGE_MINUTE_RETENTION_DAYS, default 35).")
    int usageMinuteRetentionDays;

    @Option(names = "--billable-statuses", defaultValue = "${env:TOLLGATE_BILLABLE_STATUSES:-200-299}",
            description = "HTTP statuses whose calls are billed, like 200-299,304 (TOLLGATE_BILLABLE_STATUSES, default 200-299).")
    String billableStatuses;

    @Option(names = "--smtp", defaultValue = "${env:TOLLGATE_SMTP}",
            description = "SMTP server for mail: smtp://user:password@host:port (STARTTLS when offered) or smtps://… (TLS)"
                    + " (TOLLGATE_SMTP; default: none, mail is written to DATA/outbox/).")
    String smtp;

    @Option(names = "--mail-from", defaultValue = "${env:TOLLGATE_MAIL_FROM}",
            description = "Sender address of Tollgate's mail (TOLLGATE_MAIL_FROM, default tollgate@<issuer host>).")
    String mailFrom;

    @Option(names = "--verbose", defaultValue = "${env:TOLLGATE_VERBOSE:-false}",
            description = "When the start fails, print the stack trace after the one-line reason (TOLLGATE_VERBOSE).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ServerConfig serverConfig;
        try {
            serverConfig = serverConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Tollgate node;
        try (StartupLogs logs = verbose ? null : StartupLogs.holdBack()) {
            node = Tollgate.start(serverConfig, System.out);
            if (logs != null) {
                logs.started();
            }
        } catch (StartupProblem e) {
            System.err.println("tollgate: " + e.line());
            if (verbose) {
                e.getCause().printStackTrace();
            }
            return Main.START_FAILED;
        }
        // Only now: the start's held-back log lines are out, so whoever waits for this line has seen them.
        node.apiUrl().ifPresent(url -> System.out.println("API gateway also on " + url));
        System.out.println("Tollgate ready on " + node.baseUrl());
        System.out.flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tollgate-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServerConfig serverConfig() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port / TOLLGATE_PORT must be between 0 and 65535");
        }
        if (apiPort < -1 || apiPort > 65535) {
            throw new IllegalArgumentException("--api-port / TOLLGATE_API_PORT must be between 0 and 65535");
        }
        if (backendTimeoutSeconds < 1 || backendTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("--backend-timeout / TOLLGATE_BACKEND_TIMEOUT must be between 1 and 3600 seconds");
        }
        if (accessTokenLifetimeSeconds < 1 || accessTokenLifetimeSeconds > 86_400) {
            throw new IllegalArgumentException("--access-token-lifetime / TOLLGATE_ACCESS_TOKEN_LIFETIME must be between 1 and 86400 seconds");
        }
        List<Cidr> proxies = new ArrayList<>();
        if (trustedProxies != null) {
            for (String p : trustedProxies) {
                if (!p.isBlank()) {
                    proxies.add(checked("--trusted-proxies / TOLLGATE_TRUSTED_PROXIES", () -> Cidr.parse(p.strip())));
                }
            }
        }
        return new ServerConfig(host, port, data, blankToEmpty(issuer), database.url(), database.user(),
                database.password(), blankToEmpty(redis), Optional.ofNullable(config), List.copyOf(proxies),
                Duration.ofSeconds(backendTimeoutSeconds), Duration.ofSeconds(accessTokenLifetimeSeconds),
                blankToEmpty(System.getenv("TOLLGATE_ADMIN_PASSWORD")), checked("--signup / TOLLGATE_SIGNUP", () -> SignUpMode.parse(signUp)),
                new ServerConfig.OAuthSettings(Duration.ofDays(refreshTokenMaxIdleDays), maxRefreshTokensPerClient,
                        Duration.ofDays(signingKeyRotationDays)), zone(quotaTimeZone),
                checked("--billable-statuses / TOLLGATE_BILLABLE_STATUSES, --usage-minute-retention-days / TOLLGATE_USAGE_MINUTE_RETENTION_DAYS",
                        () -> ServerConfig.AccountingSettings.of(usageMinuteRetentionDays, billableStatuses)), masterKey.source(),
                new MailSettings(checked("--smtp / TOLLGATE_SMTP", () -> blankToEmpty(smtp).map(MailSettings::parseSmtp)),
                        checked("--mail-from / TOLLGATE_MAIL_FROM", () -> blankToEmpty(mailFrom).map(MailSettings::parseSender))),
                checked("--api-host / TOLLGATE_API_HOST", () -> blankToEmpty(apiHost).map(ServeCommand::apiHostName)),
                apiPort < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(apiPort));
    }

    /** A value parsed by {@code parse}, its refusal prefixed with the option (and variable) that gave it. */
    private static <T> T checked(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private static java.time.ZoneId zone(String id) {
        try {
            return java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--quota-time-zone / TOLLGATE_QUOTA_TIME_ZONE: unknown time zone " + id);
        }
    }

    /** A host name as a Host header carries it, without a port: letters, digits, '.', '-'. */
    static String apiHostName(String host) {
        String name = host.trim();
        if (name.isEmpty() || name.length() > 253 || !name.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("--api-host must be a host name such as api.example.com (no scheme, no port)");
        }
        return name;
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
