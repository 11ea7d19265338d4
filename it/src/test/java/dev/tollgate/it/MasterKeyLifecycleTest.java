package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.MasterKeySource;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import dev.tollgate.store.jdbc.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node's data folder through its life: a too-open folder is tightened, plaintext signing keys of
 * an older version are sealed (and gone from the file), a wrong or unreadable master key stops the
 * start with one line, and rotate-master-key moves every key to a new master key.
 */
class MasterKeyLifecycleTest {

    @Test
    void theSigningKeysSurviveSealingAndRotationAndOnlyTheRightMasterKeyOpensThem(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path notes = Files.writeString(data.resolve("tollgate.trace.db"), "left by an older version");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-rw-rw-"));
        List<String> serve = List.of("--port", "0", "--host", "127.0.0.1", "--data", data.toString());

        // A folder readable by others is restricted, with one line saying so.
        Set<String> kids;
        try (TollgateProcess node = TollgateProcess.startWith(serve, Map.of())) {
            assertThat(node.output()).containsPattern("data folder .* was readable by others; restricted");
            kids = publishedKids(node);
        }
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(notes)).isEqualTo("rw-------");
        assertThat(mode(data.resolve("master-key"))).isEqualTo("rw-------");
        assertThat(kids).isNotEmpty();

        // An older version's plaintext rows are sealed on the next start, and rewritten out of the file.
        String plaintext = downgradeToPlaintext(data);
        assertThat(h2File(data)).as("precondition: the plaintext is in the file").contains(plaintext);
        try (TollgateProcess node = TollgateProcess.startWith(serve, Map.of())) {
            assertThat(publishedKids(node)).isEqualTo(kids);
        }
        assertThat(h2File(data)).doesNotContain(plaintext);

        // Another master key, or one that is not a key, stops the start with one line and no stack trace.
        String otherKey = MasterKey.generate().encoded();
        Path garbage = Files.writeString(dir.resolve("garbage-key"), "this-is-not-a-master-key-but-it-is-long\n");
        for (var attempt : List.of(
                new Attempt(List.of(), Map.of("TOLLGATE_MASTER_KEY", otherKey), "not the one"),
                new Attempt(List.of("--master-key-file", dir.resolve("missing-key").toString()), Map.of(), "no such file"),
                new Attempt(List.of("--master-key-file", garbage.toString()), Map.of(), "--master-key-file"),
                new Attempt(List.of(), Map.of("TOLLGATE_MASTER_KEY", "c2hvcnQ="), "TOLLGATE_MASTER_KEY"))) {
            List<String> args = new ArrayList<>(serve);
            args.addAll(attempt.args());
            TollgateProcess.Exited exited = TollgateProcess.runToExit(args, attempt.env());
            assertThat(exited.code()).as(exited.output()).isNotZero();
            assertOneLine(exited.output(), attempt.expected());
            assertThat(exited.output()).doesNotContain(otherKey).doesNotContain("this-is-not-a-master-key").doesNotContain("c2hvcnQ=");
        }

        // Rotation while a node holds the embedded database is refused with one line.
        Path newKeyFile = dir.resolve("new-master-key");
        List<String> rotate = List.of("rotate-master-key", "--data", data.toString(), "--new-key-file", newKeyFile.toString());
        try (TollgateProcess ignored = TollgateProcess.startWith(serve, Map.of())) {
            TollgateProcess.Exited busy = TollgateProcess.runCommand(rotate, Map.of());
            assertThat(busy.code()).isNotZero();
            assertOneLine(busy.output(), "stop every node");
        }

        // Rotation with a wrong current key changes nothing.
        TollgateProcess.Exited wrong = TollgateProcess.runCommand(rotate, Map.of("TOLLGATE_MASTER_KEY", otherKey));
        assertThat(wrong.code()).isNotZero();
        assertOneLine(wrong.output(), "not the one");

        Path oldKeyCopy = Files.copy(data.resolve("master-key"), dir.resolve("old-master-key"));
        Files.deleteIfExists(newKeyFile);
        TollgateProcess.Exited rotated = TollgateProcess.runCommand(rotate, Map.of());
        assertThat(rotated.code()).as(rotated.output()).isZero();
        assertThat(rotated.output()).contains("Generated a new master key into " + newKeyFile).contains("Sealed " + kids.size() + " signing key(s)");
        assertThat(mode(newKeyFile)).isEqualTo("rw-------");
        assertThat(Files.readString(data.resolve("master-key"))).isEqualTo(Files.readString(newKeyFile));
        assertThat(Files.readString(newKeyFile)).isNotEqualTo(Files.readString(oldKeyCopy));

        TollgateProcess.Exited withOldKey = TollgateProcess.runToExit(
                concat(serve, List.of("--master-key-file", oldKeyCopy.toString())), Map.of());
        assertThat(withOldKey.code()).isNotZero();
        assertOneLine(withOldKey.output(), "not the one");

        try (TollgateProcess node = TollgateProcess.startWith(serve, Map.of())) {
            assertThat(publishedKids(node)).isEqualTo(kids);
        }
        try (TollgateProcess node = TollgateProcess.startWith(concat(serve, List.of("--master-key-file", newKeyFile.toString())), Map.of())) {
            assertThat(publishedKids(node)).isEqualTo(kids);
        }
    }

    @Test
    void onPostgresqlTheKeyComesFromTheEnvironmentAndRotationTakesTheSameDatabaseOptions(@TempDir Path dir) throws Exception {
        assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable");
        String db = TestDatabases.newPostgresDatabase();
        List<String> dbOptions = List.of("--db", db, "--db-user", TestDatabases.PG_USER);
        List<String> serve = concat(List.of("--port", "0", "--host", "127.0.0.1", "--data", dir.resolve("node").toString()), dbOptions);
        String oldKey = MasterKey.generate().encoded();
        Set<String> kids;
        try (TollgateProcess node = TollgateProcess.startWith(serve, Map.of("TOLLGATE_MASTER_KEY", oldKey))) {
            kids = publishedKids(node);
        }
        assertThat(dir.resolve("node").resolve("master-key")).as("a given key is not written anywhere").doesNotExist();

        Path newKeyFile = Files.writeString(dir.resolve("new-key"), MasterKey.generate().encoded() + "\n");
        TollgateProcess.Exited rotated = TollgateProcess.runCommand(concat(List.of("rotate-master-key", "--data", dir.resolve("node").toString(),
                "--new-key-file", newKeyFile.toString()), dbOptions), Map.of("TOLLGATE_MASTER_KEY", oldKey));
        assertThat(rotated.code()).as(rotated.output()).isZero();
        assertThat(rotated.output()).contains("Sealed " + kids.size() + " signing key(s)").contains("--master-key-file " + newKeyFile)
                .doesNotContain("Warning");

        TollgateProcess.Exited withOldKey = TollgateProcess.runToExit(serve, Map.of("TOLLGATE_MASTER_KEY", oldKey));
        assertThat(withOldKey.code()).isNotZero();
        assertOneLine(withOldKey.output(), "not the one");
        try (TollgateProcess node = TollgateProcess.startWith(concat(serve, List.of("--master-key-file", newKeyFile.toString())), Map.of())) {
            assertThat(publishedKids(node)).isEqualTo(kids);
        }
    }

    private record Attempt(List<String> args, Map<String, String> env, String expected) {}

    private static void assertOneLine(String output, String expected) {
        List<String> lines = output.lines().filter(l -> l.startsWith("tollgate: ")).toList();
        assertThat(lines).as(output).singleElement().satisfies(l -> assertThat(l).contains(expected));
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Tollgate ready");
    }

    private static Set<String> publishedKids(TollgateProcess node) throws Exception {
        var jwks = com.nimbusds.jose.jwk.JWKSet.parse(new Http(node.baseUrl()).get("/oauth2/v3/certs").body());
        return jwks.getKeys().stream().map(k -> k.getKeyID()).collect(Collectors.toSet());
    }

    /** Writes the private keys back the way versions before sealing stored them; returns a piece of one. */
    private static String downgradeToPlaintext(Path data) {
        MasterKey key = MasterKeySource.DATA_FOLDER.read(data).orElseThrow();
        Database db = Database.open(Database.h2Url(data), null, null);
        try {
            List<SigningKey> keys = new JdbcSigningKeyRepository(db, key).published(Instant.EPOCH);
            for (SigningKey k : keys) {
                db.jdbi().useHandle(h -> h.createUpdate("UPDATE signing_keys SET private_key = ?, sealed = FALSE WHERE kid = ?")
                        .bind(0, Base64.getEncoder().encodeToString(k.privateKey().getEncoded())).bind(1, k.kid()).execute());
            }
            db.jdbi().useHandle(h -> h.execute("CHECKPOINT SYNC"));
            return Base64.getEncoder().encodeToString(keys.get(0).privateKey().getEncoded()).substring(200, 260);
        } finally {
            db.close();
        }
    }

    private static String h2File(Path data) throws Exception {
        return new String(Files.readAllBytes(data.resolve("tollgate.mv.db")), StandardCharsets.ISO_8859_1);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
