package dev.tollgate.server;

import dev.tollgate.core.secret.DataFolder;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAccessTokenRevocationRepository;
import dev.tollgate.store.jdbc.JdbcApiKeyRepository;
import dev.tollgate.store.jdbc.JdbcAuditLog;
import dev.tollgate.store.jdbc.JdbcBillingAccountRepository;
import dev.tollgate.store.jdbc.JdbcDeviceAuthorizationRepository;
import dev.tollgate.store.jdbc.JdbcEmailTokenRepository;
import dev.tollgate.store.jdbc.JdbcExpiredRecords;
import dev.tollgate.store.jdbc.JdbcKnownDeviceRepository;
import dev.tollgate.store.jdbc.JdbcLedgerRepository;
import dev.tollgate.store.jdbc.JdbcProjectRepository;
import dev.tollgate.store.jdbc.JdbcQuotaOverrides;
import dev.tollgate.store.jdbc.JdbcSampleRepository;
import dev.tollgate.store.jdbc.JdbcServiceAccountRepository;
import dev.tollgate.store.jdbc.JdbcSessionRepository;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import dev.tollgate.store.jdbc.JdbcUserRepository;
import dev.tollgate.store.jdbc.JdbcVerifiedAddressRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The first part of a node: the migrated database and every repository on it, one instance each. */
record Stores(Database db, JdbcProjectRepository projects, JdbcApiKeyRepository keys, JdbcServiceAccountRepository serviceAccounts,
              JdbcAccessTokenRevocationRepository accessTokenRevocations, JdbcUserRepository users, JdbcVerifiedAddressRepository verifiedAddresses,
              JdbcSessionRepository sessions, JdbcEmailTokenRepository emailTokens, JdbcKnownDeviceRepository knownDevices,
              JdbcLedgerRepository ledger, JdbcQuotaOverrides quotaOverrides, JdbcBillingAccountRepository billingAccounts,
              JdbcSampleRepository samples, JdbcAuditLog auditLog, JdbcDeviceAuthorizationRepository deviceAuthorizations,
              JdbcExpiredRecords expiredRecords) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    static Stores open(ServerConfig config, MasterKey masterKey) {
        Database db = Database.open(config.dbUrl().orElse(Database.h2Url(config.dataDir())),
                config.dbUser().orElse(null), config.dbPassword().orElse(null));
        try {
            db = sealSigningKeys(db, masterKey);
            // H2 has just created its files with the umask's permissions.
            DataFolder.restrictContents(config.dataDir());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new Stores(db, new JdbcProjectRepository(db), new JdbcApiKeyRepository(db), new JdbcServiceAccountRepository(db),
                new JdbcAccessTokenRevocationRepository(db), new JdbcUserRepository(db), new JdbcVerifiedAddressRepository(db),
                new JdbcSessionRepository(db), new JdbcEmailTokenRepository(db), new JdbcKnownDeviceRepository(db),
                new JdbcLedgerRepository(db), new JdbcQuotaOverrides(db), new JdbcBillingAccountRepository(db),
                new JdbcSampleRepository(db), new JdbcAuditLog(db), new JdbcDeviceAuthorizationRepository(db), new JdbcExpiredRecords(db));
    }

    /**
     * Checks the master key against the database and seals signing keys an older version stored in
     * plaintext; then rewrites the database so that the plaintext is gone from its files too.
     */
    private static Database sealSigningKeys(Database db, MasterKey masterKey) {
        int sealed = new JdbcSigningKeyRepository(db, masterKey).openWithMasterKey();
        if (sealed == 0) {
            return db;
        }
        LOG.info("Sealed {} signing key(s) stored in plaintext by an older version under the master key", sealed);
        Database.Rewritten rewritten = db.rewriteToDropOldRowVersions("signing_keys");
        rewritten.warning().ifPresent(LOG::warn);
        return rewritten.database();
    }

    @Override
    public void close() {
        db.close();
    }
}
