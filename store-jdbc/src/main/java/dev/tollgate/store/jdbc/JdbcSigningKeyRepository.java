package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.oauth.SigningKeyRepository;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.MasterKeyException;
import dev.tollgate.core.secret.SealBrokenException;
import dev.tollgate.core.secret.SealedStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The ID-token signing keys. Private keys are stored sealed under the master key, with the key id
 * as associated data (so a sealed key copied into another row does not open); public keys in the clear.
 */
public final class JdbcSigningKeyRepository implements SigningKeyRepository, SealedStore {
    private static final String CHECK_VALUE = "tollgate master key check";
    private static final String CHECK_ASSOCIATED_DATA = "master_key_check";

    private final Jdbi jdbi;
    private final MasterKey masterKey;

    public JdbcSigningKeyRepository(Database db, MasterKey masterKey) {
        this.jdbi = db.jdbi();
        this.masterKey = masterKey;
    }

    @Override
    public void insert(SigningKey k) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO signing_keys (kid, private_key, public_key, create_time_ms, retire_time_ms, sealed)"
                        + " VALUES (?, ?, ?, ?, ?, TRUE)")
                .bind(0, k.kid()).bind(1, masterKey.seal(k.privateKey().getEncoded(), k.kid()))
                .bind(2, Base64.getEncoder().encodeToString(k.publicKey().getEncoded())).bind(3, k.createTime().toEpochMilli())
                .bind(4, Rows.millis(k.retireTime())).execute());
    }

    @Override
    public List<SigningKey> published(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signing_keys WHERE retire_time_ms IS NULL OR retire_time_ms > ?"
                        + " ORDER BY create_time_ms DESC, kid").bind(0, now.toEpochMilli()).map((rs, ctx) -> key(rs)).list());
    }

    @Override
    public void retire(String kid, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE signing_keys SET retire_time_ms = ? WHERE kid = ? AND retire_time_ms IS NULL")
                .bind(0, when.toEpochMilli()).bind(1, kid).execute());
    }

    @Override
    public int openWithMasterKey() {
        checkValue(masterKey);
        List<StoredKey> stored = jdbi.withHandle(h -> stored(h, false));
        int sealedNow = 0;
        for (StoredKey row : stored) {
            if (row.sealed()) {
                privateKeyBytes(row, masterKey);
            } else {
                String sealedValue = masterKey.seal(Base64.getDecoder().decode(row.privateKey()), row.kid());
                // Another node sharing the database may seal the same row at the same moment; one wins.
                sealedNow += jdbi.withHandle(h -> h.createUpdate("UPDATE signing_keys SET private_key = ?, sealed = TRUE WHERE kid = ? AND sealed = FALSE")
                        .bind(0, sealedValue).bind(1, row.kid()).execute());
            }
        }
        return sealedNow;
    }

    @Override
    public int rotateMasterKey(MasterKey newKey) {
        return jdbi.inTransaction(h -> {
            Optional<String> check = h.createQuery("SELECT sealed_value FROM master_key_check WHERE id = 1 FOR UPDATE")
                    .mapTo(String.class).findOne();
            if (check.isPresent()) {
                openCheck(check.get(), masterKey);
            }
            List<StoredKey> stored = stored(h, true);
            for (StoredKey row : stored) {
                byte[] plain = row.sealed() ? privateKeyBytes(row, masterKey) : Base64.getDecoder().decode(row.privateKey());
                h.createUpdate("UPDATE signing_keys SET private_key = ?, sealed = TRUE WHERE kid = ?")
                        .bind(0, newKey.seal(plain, row.kid())).bind(1, row.kid()).execute();
                Arrays.fill(plain, (byte) 0);
            }
            String newCheck = newKey.seal(CHECK_VALUE.getBytes(StandardCharsets.UTF_8), CHECK_ASSOCIATED_DATA);
            if (h.createUpdate("UPDATE master_key_check SET sealed_value = ? WHERE id = 1").bind(0, newCheck).execute() == 0) {
                h.createUpdate("INSERT INTO master_key_check (id, sealed_value) VALUES (1, ?)").bind(0, newCheck).execute();
            }
            return stored.size();
        });
    }

    /** Records the check value on first use; afterwards the master key must open it. */
    private void checkValue(MasterKey key) {
        Database.ignoringDuplicate(() -> jdbi.useHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM master_key_check").mapTo(Integer.class).one() == 0) {
                h.createUpdate("INSERT INTO master_key_check (id, sealed_value) VALUES (1, ?)")
                        .bind(0, key.seal(CHECK_VALUE.getBytes(StandardCharsets.UTF_8), CHECK_ASSOCIATED_DATA)).execute();
            }
        }));
        openCheck(jdbi.withHandle(h -> h.createQuery("SELECT sealed_value FROM master_key_check WHERE id = 1").mapTo(String.class).one()), key);
    }

    private static void openCheck(String sealedValue, MasterKey key) {
        try {
            key.open(sealedValue, CHECK_ASSOCIATED_DATA);
        } catch (SealBrokenException e) {
            throw new MasterKeyException("The master key is not the one this database's signing keys are sealed with;"
                    + " give the right one with --master-key-file or TOLLGATE_MASTER_KEY (every node of a shared database needs the same key).");
        }
    }

    private record StoredKey(String kid, String privateKey, boolean sealed) {}

    private static List<StoredKey> stored(Handle h, boolean forUpdate) {
        return h.createQuery("SELECT kid, private_key, sealed FROM signing_keys ORDER BY kid" + (forUpdate ? " FOR UPDATE" : ""))
                .map((rs, ctx) -> new StoredKey(rs.getString("kid"), rs.getString("private_key"), rs.getBoolean("sealed"))).list();
    }

    private static byte[] privateKeyBytes(StoredKey row, MasterKey key) {
        try {
            return key.open(row.privateKey(), row.kid());
        } catch (SealBrokenException e) {
            throw new MasterKeyException("The signing key " + row.kid() + " does not open with the master key: it was changed,"
                    + " or sealed under another master key.");
        }
    }

    private SigningKey key(ResultSet rs) throws SQLException {
        String kid = rs.getString("kid");
        byte[] privateKey = rs.getBoolean("sealed")
                ? privateKeyBytes(new StoredKey(kid, rs.getString("private_key"), true), masterKey)
                : Base64.getDecoder().decode(rs.getString("private_key"));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new SigningKey(kid,
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)),
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rs.getString("public_key")))),
                    Rows.instant(rs, "create_time_ms"), Rows.optionalInstant(rs, "retire_time_ms"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key does not decode", e);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }
}
