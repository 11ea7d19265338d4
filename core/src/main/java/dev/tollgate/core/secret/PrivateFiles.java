package dev.tollgate.core.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders readable by their owner only, whatever the umask: the permissions are set
 * explicitly after creation (a umask can only take bits away from those asked for at creation, but
 * an explicit set does not depend on it). On a file system without POSIX permissions nothing is set.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    public static boolean hasPosixPermissions(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes an existing file rw------- (a folder rwx------); nothing on a non-POSIX file system. */
    public static void restrict(Path path) throws IOException {
        if (hasPosixPermissions(path)) {
            boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(path, folder ? FOLDER : FILE);
        }
    }

    /**
     * Creates {@code file} anew, owner-only before anything is written into it, then writes {@code content}.
     * Whatever was there (a symbolic link included) is replaced, never followed.
     */
    public static void write(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            if (hasPosixPermissions(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
            restrict(file);
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Replaces {@code file} with {@code content} in one rename, so a crash leaves the old content or the new, never a mix. */
    public static void replace(Path file, String content) {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(temporary);
            write(temporary, content);
            try (var channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + file, e);
        }
    }
}
