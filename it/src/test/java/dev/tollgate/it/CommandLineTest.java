package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.IdToken;
import dev.tollgate.client.IdTokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code tollgate} command line run as a process against the real server, acting as the platform's
 * service account activated from its key file: every resource command, the configuration, the output
 * formats, and one-line errors with documented exit statuses.
 */
class CommandLineTest extends EndToEnd {
    private static final ObjectMapper JSON = new ObjectMapper();

    CliProcess cli;
    Path work;
    String project;

    @BeforeAll
    void activateTheAdminServiceAccount() throws Exception {
        work = Files.createTempDirectory("tollgate-cli-");
        cli = new CliProcess(work.resolve("config"));
        ok("config", "set", "endpoint", server.baseUrl());
        CliProcess.Result activated = ok("auth", "activate-service-account", "--key-file", server.adminKeyFile().toString());
        assertThat(activated.stderr()).contains("admin@tollgate.iam");
        project = uniqueProjectId();
        JsonNode created = json("projects", "create", project, "--display-name", "CLI test", "--format", "json");
        assertThat(created.get("projectId").asText()).isEqualTo(project);
        ok("config", "set", "project", project);
    }

    private CliProcess.Result ok(String... args) throws Exception {
        CliProcess.Result r = cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).stdout());
    }

    @Test
    void accountsAndConfigurationsAreKeptPrivatelyInTheConfigDirectory() throws Exception {
        assertThat(ok("auth", "list").stdout()).containsPattern("\\*\\s+admin@tollgate\\.iam\\s+service_account");
        assertThat(ok("config", "get", "project").stdout().strip()).isEqualTo(project);
        assertThat(ok("config", "list", "--format", "json").stdout()).contains("\"account\" : \"admin@tollgate.iam\"");
        String token = ok("auth", "print-access-token").stdout().strip();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, token).status()).isEqualTo(200);
        // print-token exchanges a key file without keeping it.
        assertThat(ok("print-token", "--key-file", server.adminKeyFile().toString()).stdout().strip()).isNotBlank().isNotEqualTo(token);

        assertThat(perms(cli.configDir())).isEqualTo("rwx------");
        assertThat(perms(cli.configDir().resolve("credentials/admin@tollgate.iam.json"))).isEqualTo("rw-------");
        assertThat(perms(cli.configDir().resolve("configurations/config_default.json"))).isEqualTo("rw-------");

        // A named configuration has its own properties; activating default brings the old ones back.
        ok("config", "configurations", "create", "staging");
        assertThat(cli.run("config", "get", "project").code()).isEqualTo(1);
        ok("config", "set", "endpoint", "http://127.0.0.1:9");
        ok("config", "set", "account", "admin@tollgate.iam");
        assertThat(ok("config", "configurations", "list", "--format", "value(name,isActive,endpoint)").stdout())
                .contains("default\tfalse\t" + server.baseUrl()).contains("staging\ttrue\thttp://127.0.0.1:9");
        CliProcess.Result unreachable = cli.run("projects", "list");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(1);
        assertThat(unreachable.stderrLines()).singleElement().asString().startsWith("tollgate: ERROR: ");
        ok("config", "configurations", "activate", "default");
        assertThat(ok("projects", "list", "--format", "value(projectId)").stdout().lines()).contains(project);
    }

    @Test
    void anActiveServiceAccountPrintsAnIdTokenForTheAudienceItNames() throws Exception {
        String idToken = ok("auth", "print-identity-token", "--audiences", "https://api.example").stdout().strip();
        String issuer = adminKey.tokenUri().replace("/token", "");
        IdToken verified = IdTokenVerifier.builder(java.net.URI.create(server.baseUrl() + "/oauth2/v3/certs"), issuer)
                .audiences("https://api.example").build().verify(idToken);
        assertThat(verified.email()).contains("admin@tollgate.iam");
        assertThat(verified.audience()).containsExactly("https://api.example");

        CliProcess.Result noAudience = cli.run("auth", "print-identity-token");
        assertThat(noAudience.code()).isEqualTo(2);
        assertThat(noAudience.stderrLines()).singleElement().asString().contains("--audiences");
    }

    @Test
    void projectsServicesAndApiKeys() throws Exception {
        assertThat(json("projects", "describe", project, "--format", "json").get("displayName").asText()).isEqualTo("CLI test");
        assertThat(ok("projects", "list").stdout()).containsPattern("PROJECT_ID\\s+DISPLAY_NAME").contains(project);
        assertThat(ok("services", "enable", "posts", "--format", "value(name,enabled)").stdout().strip()).isEqualTo("posts\ttrue");
        assertThat(ok("services", "list", "--format", "value(name,enabled)").stdout()).contains("posts\ttrue").contains("calendar\tfalse");
        assertThat(ok("services", "disable", "posts", "--format", "yaml").stdout()).contains("enabled: false");
        ok("services", "enable", "posts");

        JsonNode key = json("api-keys", "create", "--display-name", "server key", "--format", "json",
                "--api-target=service=posts,methods=posts.posts.get,posts.people.posts.list", "--allowed-ips", "10.0.0.0/8,127.0.0.1");
        String keyId = key.get("keyId").asText();
        assertThat(key.get("keyString").asText()).isNotBlank();
        assertThat(key.at("/restrictions/apiTargets/0/methods")).hasSize(2);
        assertThat(key.at("/restrictions/allowedIps").toString()).isEqualTo("[\"10.0.0.0/8\",\"127.0.0.1\"]");
        assertThat(ok("services", "api-keys", "list", "--format", "value(keyId,displayName)").stdout()).contains(keyId + "\tserver key");
        JsonNode android = json("api-keys", "update", keyId, "--format", "json",
                "--allowed-application=sha1_fingerprint=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709,package_name=com.example.app");
        assertThat(android.at("/restrictions/androidApps/0/packageName").asText()).isEqualTo("com.example.app");
        assertThat(android.at("/restrictions/allowedIps")).isEmpty();
        assertThat(json("api-keys", "update", keyId, "--allowed-referrers", "https://app.example/*", "--format", "json")
                .at("/restrictions/allowedReferrers/0").asText()).isEqualTo("https://app.example/*");
        assertThat(json("api-keys", "update", keyId, "--allowed-bundle-ids", "com.example.ios", "--format", "json")
                .at("/restrictions/iosBundleIds/0").asText()).isEqualTo("com.example.ios");
        JsonNode cleared = json("api-keys", "update", keyId, "--clear-restrictions", "--display-name", "renamed", "--format", "json");
        assertThat(cleared.get("displayName").asText()).isEqualTo("renamed");
        assertThat(cleared.at("/restrictions/iosBundleIds")).isEmpty();
        assertThat(ok("api-keys", "describe", keyId).stdout()).contains("displayName: renamed").doesNotContain("keyString");
        // With no terminal to ask on, a delete without --quiet deletes nothing.
        CliProcess.Result unasked = cli.run("api-keys", "delete", keyId);
        assertThat(unasked.code()).as(unasked.toString()).isEqualTo(3);
        assertThat(unasked.stderrLines()).singleElement().asString()
                .isEqualTo("tollgate: ERROR: API key [" + keyId + "] was not deleted: there is no terminal to confirm on; give --quiet to delete without asking.");
        assertThat(ok("api-keys", "describe", keyId, "--format", "value(keyId)").stdout().strip()).isEqualTo(keyId);
        ok("api-keys", "delete", keyId, "--quiet");
        assertThat(ok("api-keys", "list").stdout()).doesNotContain(keyId);
    }

    @Test
    void oauthClientsServiceAccountsAndMembers() throws Exception {
        Path secretFile = work.resolve("client_secret.json");
        JsonNode client = json("oauth-clients", "create", "--type", "web", "--display-name", "Web app",
                "--redirect-uris", "https://app.example/callback", "--output-file", secretFile.toString(), "--format", "json");
        String clientId = client.get("clientId").asText();
        assertThat(client.has("clientSecret")).isFalse();
        assertThat(JSON.readTree(Files.readString(secretFile)).at("/web/client_id").asText()).isEqualTo(clientId);
        assertThat(perms(secretFile)).isEqualTo("rw-------");
        assertThat(ok("oauth-clients", "list", "--format", "value(clientId,type)").stdout()).contains(clientId + "\tweb");
        assertThat(ok("oauth-clients", "describe", clientId).stdout()).contains("https://app.example/callback");
        ok("oauth-clients", "delete", clientId, "--quiet");

        String email = json("iam", "service-accounts", "create", "robot-account", "--display-name", "Robot", "--format", "json")
                .get("email").asText();
        assertThat(ok("iam", "service-accounts", "list", "--format", "value(email)").stdout().lines()).contains(email);
        assertThat(ok("iam", "service-accounts", "disable", email, "--format", "value(disabled)").stdout().strip()).isEqualTo("true");
        assertThat(ok("iam", "service-accounts", "enable", email, "--format", "value(disabled)").stdout().strip()).isEqualTo("false");
        assertThat(ok("iam", "service-accounts", "describe", email).stdout()).contains("displayName: Robot");

        Path keyFile = work.resolve("robot.json");
        ok("iam", "service-accounts", "keys", "create", keyFile.toString(), "--iam-account", email);
        assertThat(perms(keyFile)).isEqualTo("rw-------");
        assertThat(JSON.readTree(Files.readString(keyFile)).get("client_email").asText()).isEqualTo(email);
        ok("members", "add", "serviceAccount:" + email, "--role", "viewer");
        assertThat(ok("members", "list", "--format", "value(member,role)").stdout())
                .contains("serviceAccount:" + email + "\tviewer").contains("serviceAccount:admin@tollgate.iam\towner");
        ok("members", "remove", "serviceAccount:" + email);
        assertThat(ok("members", "list", "--format", "value(member)").stdout()).doesNotContain(email);
        ok("members", "add", "serviceAccount:" + email, "--role", "viewer");
        // The key file works: the robot, a viewer, reads the project and is refused a change.
        assertThat(ok("print-token", "--key-file", keyFile.toString()).stdout()).isNotBlank();
        String keyId = ok("iam", "service-accounts", "keys", "list", "--iam-account", email, "--format", "value(keyId)").stdout().strip();
        assertThat(ok("iam", "service-accounts", "keys", "disable", keyId, "--iam-account", email, "--format", "value(disabled)")
                .stdout().strip()).isEqualTo("true");
        ok("iam", "service-accounts", "keys", "delete", keyId, "--iam-account", email, "-q");
        assertThat(ok("iam", "service-accounts", "keys", "list", "--iam-account", email).stdout()).doesNotContain(keyId);
        ok("iam", "service-accounts", "delete", email, "--quiet");
        assertThat(ok("iam", "service-accounts", "list", "--format", "value(email)").stdout()).doesNotContain(email);
    }

    @Test
    void quotasUsageAndBilling() throws Exception {
        assertThat(ok("quotas", "list").stdout()).containsPattern("posts\\s+requests-per-minute-per-project\\s+minute\\s+project\\s+600\\s+600");
        assertThat(ok("quotas", "set", "--service", "posts", "--name", "requests-per-minute-per-project", "--limit", "100",
                "--format", "value(service,name,effectiveLimit)").stdout()).contains("posts\trequests-per-minute-per-project\t100");
        assertThat(ok("quotas", "set", "--service", "posts", "--name", "requests-per-minute-per-project", "--clear",
                "--format", "value(service,name,effectiveLimit)").stdout()).contains("posts\trequests-per-minute-per-project\t600");

        // One call through the gateway with a new key, counted once the ledger has it.
        String keyString = json("api-keys", "create", "--format", "json").get("keyString").asText();
        ok("services", "enable", "posts");
        http.get("/posts/v1/people/me/posts?key=" + keyString);
        String range = "?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z&groupBy=service";
        for (int i = 0; i < 100 && http.getWithToken("/admin/v1/projects/" + project + "/usage" + range, adminToken).json()
                .path("rows").isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(json("usage", "--start", "2000-01-01T00:00:00Z", "--end", "2100-01-01T00:00:00Z", "--group-by", "service",
                "--format", "json").findValuesAsText("service")).contains("posts");
        assertThat(ok("usage", "--start", "2000-01-01T00:00:00Z", "--end", "2100-01-01T00:00:00Z", "--group-by", "service,credential")
                .stdout()).containsPattern("SERVICE\\s+CREDENTIAL_ID\\s+CALLS").containsPattern("posts\\s+\\S+\\s+1\\s");

        assertThat(ok("billing", "update", "--enabled", "--monthly-budget", "250.00", "--format", "value(enabled,monthlyBudget)")
                .stdout().strip()).isEqualTo("true\t250.00");
        assertThat(ok("billing", "describe").stdout()).contains("enabled: true").contains("monthlyBudget: \"250.00\"");
        assertThat(json("billing", "update", "--no-enabled", "--clear-monthly-budget", "--format", "json").has("monthlyBudget")).isFalse();
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        assertThat(json("billing", "statements", "get", month, "--format", "json").get("month").asText()).isEqualTo(month);
        assertThat(ok("billing", "statements", "get", month, "--csv").stdout())
                .startsWith("service,method,calls,billableCalls,freeCalls,unitPricePer1000,amount");
    }

    @Test
    void errorsAreOneLineWithTheServersReasonAndADocumentedExitStatus() throws Exception {
        CliProcess.Result unknown = cli.run("projects", "describe", "no-such-project-here");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.stderrLines()).singleElement().asString().startsWith("tollgate: ERROR: 404 NOT_FOUND").contains("no-such-project-here");
        assertThat(unknown.stdout()).isEmpty();

        CliProcess.Result badFlag = cli.run("projects", "list", "--no-such-flag");
        assertThat(badFlag.code()).isEqualTo(2);
        assertThat(badFlag.stderrLines()).singleElement().asString().contains("--no-such-flag");

        CliProcess.Result badFormat = cli.run("projects", "list", "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.stderrLines()).singleElement().asString().contains("--format");

        CliProcess.Result badTarget = cli.run("api-keys", "create", "--api-target=methods=posts.posts.get");
        assertThat(badTarget.code()).isEqualTo(2);

        CliProcess.Result refused = cli.run("quotas", "set", "--service", "posts", "--name", "no-such-quota", "--limit", "1");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.stderrLines()).singleElement().asString().contains("400 INVALID_ARGUMENT").contains("no-such-quota");

        CliProcess.Result signedOut = new CliProcess(work.resolve("empty")).run("projects", "list", "--endpoint", server.baseUrl());
        assertThat(signedOut.code()).isEqualTo(1);
        assertThat(signedOut.stderrLines()).singleElement().asString().contains("tollgate auth login");
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
