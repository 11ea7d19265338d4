package dev.tollgate.cli;

import dev.tollgate.core.secret.MasterKeyException;
import dev.tollgate.server.MasterKeyRotation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tollgate rotate-master-key}: seals the signing keys under a new master key, with the nodes stopped. */
@CommandLine.Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = "Seal every ID-token signing key under a new master key, in one transaction. Stop the nodes first.")
final class RotateMasterKeyCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "${env:TOLLGATE_DATA:-data}", description = "Data folder (TOLLGATE_DATA, default ./data).")
    Path data;

    @Option(names = "--new-key-file", required = true,
            description = "File holding the new master key (32 bytes in base64); generated there, owner-only, when it does not exist.")
    Path newKeyFile;

    @Mixin
    DatabaseOptions database;

    @Mixin
    MasterKeyOptions masterKey;

    @Override
    public Integer call() {
        MasterKeyRotation.Outcome outcome;
        try {
            outcome = MasterKeyRotation.rotate(data, database.url(), database.user(), database.password(), masterKey.source(), newKeyFile);
        } catch (MasterKeyException e) {
            System.err.println("tollgate: " + e.getMessage());
            return 1;
        }
        if (outcome.generated()) {
            System.out.println("Generated a new master key into " + newKeyFile);
        }
        System.out.println("Sealed " + outcome.resealed() + " signing key(s) under the new master key.");
        outcome.warning().ifPresent(w -> System.out.println("Warning: " + w));
        if (outcome.dataFolderFile().isPresent()) {
            System.out.println(outcome.dataFolderFile().get() + " now holds the new key; keep " + newKeyFile + " safe or delete it.");
        } else {
            System.out.println("Start every node with --master-key-file " + newKeyFile + " (or TOLLGATE_MASTER_KEY set to its content) from now on.");
        }
        return 0;
    }
}
