package dev.tollgate.core.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's data folder (database, journal, node id, credentials, master key): rwx------, and
 * every file in it rw-------, whatever the umask the node runs under. Files that libraries create
 * (H2's database file) are restricted right after they appear and again when the node stops.
 */
public final class DataFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    private DataFolder() {}

    /** The entries Tollgate makes in its data folder; the folders among them are restricted with all they hold. */
    private static final Set<String> OWN_ENTRIES = Set.of("journal", "outbox", "node-id", "node-id.tmp", "admin-password",
            "admin-service-account.json", MasterKeySource.DEFAULT_FILE, MasterKeySource.DEFAULT_FILE + ".new");

    static boolean isOwnEntry(String name) {
        return OWN_ENTRIES.contains(name) || name.startsWith("tollgate.");
    }

    /**
     * Creates the folder owner-only, or restricts an existing one and Tollgate's files in it to their
     * owner. A folder open to others that also holds files that are not Tollgate's (a home folder,
     * {@code /tmp}, given by mistake) is refused rather than changed.
     *
     * @throws DataFolderException with one line for the operator when the folder cannot be made private
     */
    public static void prepare(Path folder) {
        try {
            if (!Files.exists(folder)) {
                Files.createDirectories(folder);
                PrivateFiles.restrict(folder);
                return;
            }
            if (!Files.isDirectory(folder)) {
                throw new DataFolderException("The data folder " + folder + " is not a folder.");
            }
        } catch (IOException e) {
            throw new DataFolderException("Cannot create the data folder " + folder + ": " + e.getMessage());
        }
        if (!PrivateFiles.hasPosixPermissions(folder)) {
            LOG.info("The file system of the data folder {} has no POSIX permissions; they are left as they are", folder);
            return;
        }
        List<String> widened = new ArrayList<>();
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(folder);
            if (!PrivateFiles.FOLDER.containsAll(actual)) {
                List<String> foreign = foreignEntries(folder);
                if (!foreign.isEmpty()) {
                    throw new DataFolderException("The data folder " + folder + " is open to others (" + PosixFilePermissions.toString(actual)
                            + ") and holds files that are not Tollgate's (" + String.join(", ", foreign)
                            + "); give a folder of its own with --data, or chmod 700 " + folder + " yourself.");
                }
            }
            if (!PrivateFiles.FOLDER.containsAll(actual)) {
                Files.setPosixFilePermissions(folder, PrivateFiles.FOLDER);
                widened.add(folder.getFileName() + " (" + PosixFilePermissions.toString(actual) + ")");
            }
            for (Path entry : ownEntries(folder)) {
                tightenTree(entry, widened);
            }
        } catch (IOException e) {
            throw new DataFolderException("The data folder " + folder + " is open to others and cannot be restricted ("
                    + e.getMessage() + "); run chmod -R go-rwx " + folder + " or give another --data folder.");
        }
        if (!widened.isEmpty()) {
            LOG.warn("The data folder {} was readable by others; restricted {} to their owner: {}", folder,
                    widened.size() == 1 ? "1 entry" : widened.size() + " entries", String.join(", ", widened.subList(0, Math.min(5, widened.size())))
                            + (widened.size() > 5 ? ", ..." : ""));
        }
    }

    /** Restricts Tollgate's files in the folder to their owner again, after a library may have created some. */
    public static void restrictContents(Path folder) {
        if (!Files.isDirectory(folder) || !PrivateFiles.hasPosixPermissions(folder)) {
            return;
        }
        try {
            for (Path entry : ownEntries(folder)) {
                tightenTree(entry, new ArrayList<>());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not restrict the files in the data folder {} to their owner: {}", folder, e.getMessage());
        }
    }

    private static List<Path> ownEntries(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> isOwnEntry(p.getFileName().toString())).toList();
        }
    }

    private static List<String> foreignEntries(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> !isOwnEntry(name)).sorted().limit(3).toList();
        }
    }

    private static void tightenTree(Path top, List<String> widened) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                tighten(dir, PrivateFiles.FOLDER, widened);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    tighten(file, PrivateFiles.FILE, widened);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A file that went away while walking (a renamed temporary file) needs nothing.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted, List<String> widened) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!wanted.containsAll(actual) || !actual.contains(PosixFilePermission.OWNER_READ)) {
            Files.setPosixFilePermissions(path, wanted);
            if (!wanted.containsAll(actual)) {
                widened.add(path.getFileName() + " (" + PosixFilePermissions.toString(actual) + ")");
            }
        }
    }
}
