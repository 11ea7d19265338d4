package dev.tollgate.cli;

import dev.tollgate.core.secret.MasterKeySource;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the master key that seals the signing keys comes from. */
final class MasterKeyOptions {

    @Option(names = "--master-key-file", defaultValue = "${env:TOLLGATE_MASTER_KEY_FILE}",
            description = "File holding the master key, 32 bytes in base64 (TOLLGATE_MASTER_KEY_FILE; default: TOLLGATE_MASTER_KEY,"
                    + " which holds the base64 itself, else DATA/master-key, generated on the first start).")
    Path masterKeyFile;

    MasterKeySource source() {
        return new MasterKeySource(Optional.ofNullable(masterKeyFile).filter(p -> !p.toString().isBlank()), DatabaseOptions.blankToEmpty(System.getenv("TOLLGATE_MASTER_KEY")));
    }
}
