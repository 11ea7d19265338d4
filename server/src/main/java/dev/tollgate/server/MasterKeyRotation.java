package dev.tollgate.server;

import dev.tollgate.core.secret.DataFolder;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.MasterKeyException;
import dev.tollgate.core.secret.MasterKeySource;
import dev.tollgate.core.secret.PrivateFiles;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code tollgate rotate-master-key}: seals every signing key under a new master key in one
 * transaction, then rewrites the database so the values sealed under the old key are gone from its
 * files. Run it with the nodes stopped (the embedded database admits one process at a time).
 */
public final class MasterKeyRotation {

    /**
     * @param resealed       how many signing keys were sealed under the new key
     * @param dataFolderFile the {@code DATA/master-key} that now holds the new key, if the old one came from there
     * @param generated      whether the new key was generated into the new-key file
     * @param warning        what could not be done, if anything
     */
    public record Outcome(int resealed, Optional<Path> dataFolderFile, boolean generated, Optional<String> warning) {}

    private MasterKeyRotation() {}

    /**
     * @param newKeyFile the new key (its content as {@code --master-key-file} takes it); generated there when the file does not exist
     * @throws MasterKeyException with one line for the operator when a key is missing, unreadable or wrong
     */
    public static Outcome rotate(Path dataDir, Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword,
                                 MasterKeySource current, Path newKeyFile) {
        if (dbUrl.isEmpty() && !Files.isDirectory(dataDir)) {
            throw new MasterKeyException("The data folder " + dataDir + " does not exist.");
        }
        MasterKey oldKey = current.read(dataDir).orElseThrow(() -> new MasterKeyException(
                "No master key: give --master-key-file or TOLLGATE_MASTER_KEY, or a --data folder holding master-key."));
        boolean generated = !Files.exists(newKeyFile);
        MasterKey newKey;
        if (generated) {
            newKey = MasterKey.generate();
            PrivateFiles.write(newKeyFile, newKey.encoded() + "\n");
        } else {
            newKey = MasterKeySource.readFile(newKeyFile, "--new-key-file " + newKeyFile);
        }
        if (newKey.encoded().equals(oldKey.encoded())) {
            throw new MasterKeyException("The new master key is the current one.");
        }
        Database db;
        try {
            db = Database.open(dbUrl.orElse(Database.h2Url(dataDir)), dbUser.orElse(null), dbPassword.orElse(null));
        } catch (RuntimeException e) {
            throw new MasterKeyException("Cannot open the database (stop every node using it first): " + firstLine(e));
        }
        Optional<String> warning;
        int resealed;
        try {
            resealed = new JdbcSigningKeyRepository(db, oldKey).rotateMasterKey(newKey);
            Database.Rewritten rewritten = db.rewriteToDropOldRowVersions("signing_keys");
            db = rewritten.database();
            warning = rewritten.warning();
        } finally {
            db.close();
        }
        Optional<Path> dataFolderFile = Optional.empty();
        if (current.isDataFolderFile()) {
            Path file = dataDir.resolve(MasterKeySource.DEFAULT_FILE);
            PrivateFiles.replace(file, newKey.encoded() + "\n");
            dataFolderFile = Optional.of(file);
        }
        if (dbUrl.isEmpty()) {
            DataFolder.restrictContents(dataDir);
        }
        return new Outcome(resealed, dataFolderFile, generated, warning);
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
