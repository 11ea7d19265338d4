package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.MasterKeyException;
import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

class JdbcSigningKeyRepositoryTest extends RepositoryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static SigningKey newKey(String kid) {
        KeyPair pair = KeyMaterial.generateRsa2048();
        return new SigningKey(kid, (RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic(), NOW, Optional.empty());
    }

    private static String base64(SigningKey k) {
        return Base64.getEncoder().encodeToString(k.privateKey().getEncoded());
    }

    private List<String> storedPrivateKeys() {
        return db().jdbi().withHandle(h -> h.createQuery("SELECT private_key FROM signing_keys ORDER BY kid").mapTo(String.class).list());
    }

    /** A row as versions before the master key wrote it. */
    private void insertPlaintext(SigningKey k) {
        db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO signing_keys (kid, private_key, public_key, create_time_ms) VALUES (?, ?, ?, ?)")
                .bind(0, k.kid()).bind(1, base64(k)).bind(2, Base64.getEncoder().encodeToString(k.publicKey().getEncoded()))
                .bind(3, k.createTime().toEpochMilli()).execute());
    }

    @OnEachDatabase
    void privateKeysAreStoredSealedAndReadBackWhole(Kind kind) {
        open(kind);
        MasterKey master = MasterKey.generate();
        var repo = new JdbcSigningKeyRepository(db(), master);
        repo.openWithMasterKey();
        SigningKey key = newKey("kid-a");
        repo.insert(key);

        assertThat(storedPrivateKeys()).singleElement().satisfies(stored -> {
            assertThat(stored).startsWith("v1.").doesNotContain(base64(key)).doesNotContain(base64(key).substring(0, 40));
        });
        SigningKey read = repo.published(NOW).get(0);
        assertThat(read.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        assertThat(read.publicKey()).isEqualTo(key.publicKey());
    }

    @OnEachDatabase
    void plaintextRowsOfAnOlderVersionAreSealedOnOpeningAndStillSign(Kind kind) {
        open(kind);
        SigningKey old1 = newKey("kid-old-1");
        SigningKey old2 = newKey("kid-old-2");
        insertPlaintext(old1);
        insertPlaintext(old2);
        MasterKey master = MasterKey.generate();

        assertThat(new JdbcSigningKeyRepository(db(), master).openWithMasterKey()).isEqualTo(2);
        assertThat(storedPrivateKeys()).allSatisfy(s -> assertThat(s).startsWith("v1.")).doesNotContain(base64(old1), base64(old2));
        assertThat(new JdbcSigningKeyRepository(db(), master).openWithMasterKey()).as("a second start seals nothing").isZero();
        assertThat(new JdbcSigningKeyRepository(db(), master).published(NOW)).extracting(k -> k.privateKey().getEncoded())
                .containsExactlyInAnyOrder(old1.privateKey().getEncoded(), old2.privateKey().getEncoded());
    }

    @OnEachDatabase
    void anotherMasterKeyIsRefusedWithOneClearLineEvenBeforeAnyKeyExists(Kind kind) {
        open(kind);
        new JdbcSigningKeyRepository(db(), MasterKey.generate()).openWithMasterKey();
        assertThatThrownBy(() -> new JdbcSigningKeyRepository(db(), MasterKey.generate()).openWithMasterKey())
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("master key")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
    }

    @OnEachDatabase
    void anotherMasterKeyIsRefusedOnceKeysAreSealed(Kind kind) {
        open(kind);
        MasterKey master = MasterKey.generate();
        var repo = new JdbcSigningKeyRepository(db(), master);
        repo.openWithMasterKey();
        repo.insert(newKey("kid-a"));
        assertThatThrownBy(() -> new JdbcSigningKeyRepository(db(), MasterKey.generate()).openWithMasterKey())
                .isInstanceOf(MasterKeyException.class);
    }

    @OnEachDatabase
    void aSealedKeyCopiedIntoAnotherRowOrChangedDoesNotOpen(Kind kind) {
        open(kind);
        MasterKey master = MasterKey.generate();
        var repo = new JdbcSigningKeyRepository(db(), master);
        repo.openWithMasterKey();
        repo.insert(newKey("kid-a"));
        repo.insert(newKey("kid-b"));
        db().jdbi().useHandle(h -> h.execute("UPDATE signing_keys SET private_key = (SELECT private_key FROM signing_keys WHERE kid = 'kid-a') WHERE kid = 'kid-b'"));
        assertThatThrownBy(repo::openWithMasterKey).isInstanceOf(MasterKeyException.class).hasMessageContaining("kid-b");
        assertThatThrownBy(() -> repo.published(NOW)).isInstanceOf(MasterKeyException.class);
    }

    @OnEachDatabase
    void rotationResealsEveryKeyUnderTheNewMasterKeyOnly(Kind kind) {
        open(kind);
        MasterKey oldMaster = MasterKey.generate();
        var repo = new JdbcSigningKeyRepository(db(), oldMaster);
        repo.openWithMasterKey();
        SigningKey a = newKey("kid-a");
        SigningKey b = newKey("kid-b");
        repo.insert(a);
        repo.insert(b);
        repo.retire("kid-a", NOW.minusSeconds(1));
        SigningKey legacy = newKey("kid-legacy");
        insertPlaintext(legacy);
        List<String> before = storedPrivateKeys();

        MasterKey newMaster = MasterKey.generate();
        assertThat(repo.rotateMasterKey(newMaster)).as("retired and plaintext keys too").isEqualTo(3);

        assertThat(storedPrivateKeys()).allSatisfy(s -> assertThat(s).startsWith("v1.")).doesNotContainAnyElementsOf(before);
        var rotated = new JdbcSigningKeyRepository(db(), newMaster);
        assertThat(rotated.openWithMasterKey()).isZero();
        assertThat(rotated.published(NOW)).extracting(SigningKey::kid).containsExactlyInAnyOrder("kid-b", "kid-legacy");
        assertThat(rotated.published(NOW.minusSeconds(10))).extracting(k -> k.privateKey().getEncoded())
                .containsExactlyInAnyOrder(a.privateKey().getEncoded(), b.privateKey().getEncoded(), legacy.privateKey().getEncoded());
        assertThatThrownBy(() -> new JdbcSigningKeyRepository(db(), oldMaster).openWithMasterKey()).isInstanceOf(MasterKeyException.class);
    }

    @OnEachDatabase
    void rotationWithTheWrongCurrentKeyChangesNothing(Kind kind) {
        open(kind);
        MasterKey master = MasterKey.generate();
        var repo = new JdbcSigningKeyRepository(db(), master);
        repo.openWithMasterKey();
        repo.insert(newKey("kid-a"));
        repo.insert(newKey("kid-b"));
        List<String> before = storedPrivateKeys();

        assertThatThrownBy(() -> new JdbcSigningKeyRepository(db(), MasterKey.generate()).rotateMasterKey(MasterKey.generate()))
                .isInstanceOf(MasterKeyException.class);
        assertThat(storedPrivateKeys()).isEqualTo(before);
        assertThat(repo.openWithMasterKey()).isZero();

        // One row that does not open (changed on disk) aborts the whole rotation, not just that row.
        db().jdbi().useHandle(h -> h.execute("UPDATE signing_keys SET private_key = (SELECT private_key FROM signing_keys WHERE kid = 'kid-a') WHERE kid = 'kid-b'"));
        List<String> damaged = storedPrivateKeys();
        assertThatThrownBy(() -> repo.rotateMasterKey(MasterKey.generate())).isInstanceOf(MasterKeyException.class);
        assertThat(storedPrivateKeys()).isEqualTo(damaged);
    }

    @OnEachDatabase
    void afterSealingTheRewrittenDatabaseKeepsNoPlaintextOnDisk(Kind kind) throws Exception {
        open(kind);
        SigningKey legacy = newKey("kid-legacy");
        String plaintextPart = base64(legacy).substring(100, 160);
        insertPlaintext(legacy);
        checkpoint(kind);
        MasterKey master = MasterKey.generate();
        assertThat(new JdbcSigningKeyRepository(db(), master).openWithMasterKey()).isEqualTo(1);
        checkpoint(kind);
        if (kind == Kind.H2) {
            assertThat(h2File()).as("the old row version is still on disk after the update").contains(plaintextPart);
        }

        Database.Rewritten rewritten = db().rewriteToDropOldRowVersions("signing_keys");
        replaceDatabase(rewritten.database());
        assertThat(rewritten.warning()).isEmpty();

        assertThat(new JdbcSigningKeyRepository(db(), master).published(NOW)).singleElement()
                .satisfies(k -> assertThat(k.privateKey().getEncoded()).isEqualTo(legacy.privateKey().getEncoded()));
        if (kind == Kind.H2) {
            assertThat(h2File()).doesNotContain(plaintextPart);
        }
    }

    private void checkpoint(Kind kind) {
        if (kind == Kind.H2) {
            db().jdbi().useHandle(h -> h.execute("CHECKPOINT SYNC"));
        }
    }

    private String h2File() throws java.io.IOException {
        return new String(Files.readAllBytes(tempDir.resolve("tollgate.mv.db")), StandardCharsets.ISO_8859_1);
    }
}
