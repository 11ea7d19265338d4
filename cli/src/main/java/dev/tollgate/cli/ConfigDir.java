package dev.tollgate.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the command line keeps its configurations and credentials: {@code ~/.config/tollgate}, or the
 * directory {@code TOLLGATE_CONFIG_DIR} names. The directory is readable by its owner only (0700) and so
 * is every file written in it (0600): they hold refresh tokens and private keys.
 */
final class ConfigDir {
    static final String VARIABLE = "TOLLGATE_CONFIG_DIR";
    /** The file {@code dev.tollgate.client.ApplicationDefaultCredentials} reads when no variable names one. */
    static final String APPLICATION_DEFAULT = "application_default_credentials.json";

    private final Path root;

    private ConfigDir(Path root) {
        this.root = root;
    }

    static ConfigDir of(Map<String, String> environment) {
        String named = environment.get(VARIABLE);
        return new ConfigDir(named != null && !named.isBlank() ? Path.of(named)
                : Path.of(System.getProperty("user.home"), ".config", "tollgate"));
    }

    Path root() { return root; }

    Path resolve(String relative) { return root.resolve(relative); }

    Path applicationDefaultCredentials() { return root.resolve(APPLICATION_DEFAULT); }

    /** Creates the directory (and {@code sub}, if given) readable by its owner only. */
    Path directory(String sub) throws IOException {
        Path dir = sub == null ? root : root.resolve(sub);
        for (Path d : sub == null ? new Path[] {root} : new Path[] {root, dir}) {
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d);
                posix(d, "rwx------");
            }
        }
        return dir;
    }

    /** Writes a file atomically, readable by its owner only. */
    void write(Path target, String content) throws IOException {
        directory(null);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".tollgate-", ".tmp");
        try {
            posix(temp, "rw-------");
            Files.writeString(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void posix(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the profile directory is already private to the user.
        }
    }
}
