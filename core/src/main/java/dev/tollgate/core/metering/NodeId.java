package dev.tollgate.core.metering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A node's stable name, kept in {@code DATA/node-id}: the ledger remembers how far each node's
 * journal is drained under it. It must stay with its journal: a node that forgot its id while
 * keeping its journal would drain the records of its current segment a second time, so that case
 * is refused rather than papered over.
 */
public final class NodeId {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private NodeId() {}

    /** Reads the node's id, creating one on the node's first start. */
    public static String loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve("node-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!VALID.matcher(id).matches()) {
                    throw new IllegalStateException(file + " does not hold a node id (1 to 64 letters, digits, '.', '_' or '-')");
                }
                return id;
            }
            Path journal = FileJournal.directoryIn(dataDirectory);
            if (Files.isDirectory(journal) && !Segments.list(journal).isEmpty()) {
                throw new IllegalStateException(file + " is missing but the journal in " + journal
                        + " is not empty: restore the node's id, or its records would be counted twice");
            }
            return create(dataDirectory, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** Written aside and renamed, so that a crash leaves either no id or a whole one. */
    private static String create(Path dataDirectory, Path file) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Files.createDirectories(dataDirectory);
        Path temporary = dataDirectory.resolve("node-id.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            dev.tollgate.core.secret.PrivateFiles.restrict(temporary);
            channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        Segments.syncDirectory(dataDirectory);
        return id;
    }
}
