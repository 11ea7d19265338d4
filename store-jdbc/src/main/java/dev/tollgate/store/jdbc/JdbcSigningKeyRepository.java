package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.oauth.SigningKeyRepository;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

public final class JdbcSigningKeyRepository implements SigningKeyRepository {
    private final Jdbi jdbi;

    public JdbcSigningKeyRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(SigningKey k) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO signing_keys (kid, private_key, public_key, create_time_ms, retire_time_ms) VALUES (?, ?, ?, ?, ?)")
                .bind(0, k.kid()).bind(1, Base64.getEncoder().encodeToString(k.privateKey().getEncoded()))
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

    private static SigningKey key(ResultSet rs) throws SQLException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new SigningKey(rs.getString("kid"),
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rs.getString("private_key")))),
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rs.getString("public_key")))),
                    Rows.instant(rs, "create_time_ms"), Rows.optionalInstant(rs, "retire_time_ms"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key does not decode", e);
        }
    }
}
