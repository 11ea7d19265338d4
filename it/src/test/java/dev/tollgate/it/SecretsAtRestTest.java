package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.secret.MasterKeySource;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Item 6 of issue 7, as an attacker who copied the data folder's database file and journal sees it:
 * after a node ran under umask 000 and issued every kind of secret, none of them (nor a signing
 * key) is in those files, and every file of the folder is readable by its owner only.
 */
class SecretsAtRestTest extends EndToEnd {
    private static final String REDIRECT = "https://app.example.com/callback";
    private static final String PASSWORD = "Correct horse battery staple 42";

    @Override
    protected Optional<String> umask() {
        return Optional.of("000");
    }

    @Test
    void noIssuedSecretNorSigningKeyIsInTheDatabaseFileOrTheJournalAndEveryFileIsOwnerOnly() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("admin password", server.adminPassword());
        secrets.put("admin service account's access token", adminToken);
        secrets.put("admin service account's private key", pemBody(adminKey.json().get("private_key").asText()));

        String project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        enable(adminToken, project, "posts");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Vault Pal"));
        String keyString = createKey(adminToken, project, Map.of("displayName", "web key")).get("keyString").asText();
        secrets.put("API key", keyString);
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "robot-one");
        secrets.put("service account's private key", pemBody(robot.json().get("private_key").asText()));
        String robotToken = robot.accessToken(http, "posts");
        secrets.put("service account's access token", robotToken);
        OAuthClients.Registered client = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        secrets.put("client secret", client.secret());

        String email = "vault-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response person = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));
        assertThat(person.status()).as(person.toString()).isEqualTo(200);
        secrets.put("person's password", PASSWORD);

        Browser browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        Http.Response r = browser.get(OAuthClients.authUrl(client, REDIRECT, "openid email calendar", "st", verifier,
                Map.of("access_type", "offline", "nonce", "n-1")));
        r = browser.signIn(r, email, PASSWORD);
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).as("the sign-in sets a session cookie").isNotEmpty();
        for (String cookie : cookies) {
            String value = cookie.substring(cookie.indexOf('=') + 1).split(";", 2)[0];
            if (value.length() >= 16) {
                secrets.put("cookie " + cookie.substring(0, cookie.indexOf('=')), value);
            }
        }
        r = browser.follow(r);
        if (r.status() == 200) {
            r = browser.submit(r, 0, Map.of("decision", "allow"));
        }
        String code = OAuthClients.query(r.header("Location")).get("code");
        assertThat(code).as(r.toString()).isNotNull();
        secrets.put("authorization code", code);
        Http.Response tokens = OAuthClients.redeem(http, client, code, REDIRECT, verifier, true);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        secrets.put("person's access token", tokens.json().get("access_token").asText());
        secrets.put("refresh token", tokens.json().get("refresh_token").asText());
        secrets.put("ID token's signature", tokens.json().get("id_token").asText().split("\\.")[2]);
        Http.Response refreshed = OAuthClients.refresh(http, client, tokens.json().get("refresh_token").asText(), null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        secrets.put("refreshed access token", refreshed.json().get("access_token").asText());

        Http.Response device = http.postForm("/device/code", Map.of("client_id", client.clientId(), "scope", "calendar"));
        if (device.status() == 200) {
            secrets.put("device code", device.json().get("device_code").asText());
        }

        // Metered calls, so that the journal has records of each kind of caller.
        String personToken = refreshed.json().get("access_token").asText();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", personToken).status()).isEqualTo(200);
        assertThat(http.postJson("/posts/v1/people/me/posts", robotToken, Map.of("content", "hello", "visibility", "public")).status())
                .isEqualTo(200);
        assertThat(http.get("/posts/v1/people/robot-one@" + project + ".iam/posts?key=" + keyString).status()).isEqualTo(200);

        server.close();
        Path data = server.dataDir();
        byte[] database = concat(filesUnder(data).filter(p -> p.getFileName().toString().endsWith(".db")).toList());
        byte[] journal = concat(filesUnder(data.resolve("journal")).toList());
        assertThat(database.length).as("the H2 file").isGreaterThan(10_000);
        assertThat(indexOf(database, email.getBytes(StandardCharsets.UTF_8))).as("the file is readable as it is: the person's address is in it")
                .isNotEqualTo(-1);
        assertThat(indexOf(journal, project.getBytes(StandardCharsets.UTF_8))).as("the journal holds the calls' records").isNotEqualTo(-1);
        // Before this test opens the database itself (under its own umask).
        assertEverythingOwnerOnly(data);

        for (var secret : secrets.entrySet()) {
            assertNotIn(database, "the database file", secret.getKey(), secret.getValue());
            assertNotIn(journal, "the journal", secret.getKey(), secret.getValue());
        }
        List<SigningKey> signingKeys = signingKeys(data);
        assertThat(signingKeys).isNotEmpty();
        for (SigningKey key : signingKeys) {
            byte[] der = key.privateKey().getEncoded();
            assertNotIn(database, "the database file", "signing key " + key.kid(), Base64.getEncoder().encodeToString(der));
            assertThat(indexOf(database, java.util.Arrays.copyOfRange(der, 40, 80))).as("signing key %s as DER", key.kid()).isEqualTo(-1);
        }
    }

    private static void assertNotIn(byte[] file, String fileName, String what, String secret) {
        List<String> spellings = new ArrayList<>(List.of(secret));
        if (secret.length() >= 40) {
            // A piece from the middle as well: the secret must not be there stored without its prefix or in parts.
            spellings.add(secret.substring(secret.length() / 2 - 12, secret.length() / 2 + 12));
        }
        for (String s : spellings) {
            for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                assertThat(indexOf(file, s.getBytes(charset))).as("%s (%s) in %s as %s", what, s, fileName, charset).isEqualTo(-1);
            }
        }
    }

    private static void assertEverythingOwnerOnly(Path data) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<Path> all;
        try (Stream<Path> walk = Files.walk(data)) {
            all = walk.toList();
        }
        assertThat(all).extracting(p -> data.relativize(p).toString())
                .contains("master-key", "node-id", "admin-password", "admin-service-account.json", "tollgate.mv.db", "journal");
        for (Path p : all) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            assertThat(mode).as(data.relativize(p).toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    private static List<SigningKey> signingKeys(Path data) {
        var masterKey = MasterKeySource.DATA_FOLDER.read(data).orElseThrow();
        Database db = Database.open(Database.h2Url(data), null, null);
        try {
            return new JdbcSigningKeyRepository(db, masterKey).published(Instant.EPOCH);
        } finally {
            db.close();
        }
    }

    private static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static Stream<Path> filesUnder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        }
    }

    private static byte[] concat(List<Path> files) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        for (Path f : files) {
            out.write(Files.readAllBytes(f));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
