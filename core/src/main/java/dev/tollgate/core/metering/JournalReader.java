package dev.tollgate.core.metering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** Reads a journal's records in order, between two positions, from its segment files. */
public final class JournalReader {
    private final Path directory;

    public JournalReader(Path directory) {
        this.directory = directory;
    }

    /**
     * Gives {@code sink} the records after {@code from} and before {@code end}, at most {@code max}
     * of them. Segments that no longer exist (drained and deleted) are passed over.
     *
     * @param end a position the journal has acknowledged, such as {@link FileJournal#durableEnd()}:
     *     the frames before it are whole, so a bad one is damage, not a write in progress
     * @return just after the last record given, or later when only segment ends were passed; from
     *     there the next read goes on
     * @throws JournalCorruptException when a frame before {@code end} is damaged
     */
    public JournalPosition read(JournalPosition from, JournalPosition end, int max, Consumer<UsageRecord> sink) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        JournalPosition at = from;
        int given = 0;
        try {
            for (long segment : Segments.list(directory)) {
                if (segment < from.segment() || segment > end.segment()) {
                    continue;
                }
                long start = segment == from.segment() ? Math.max(from.offset(), Segments.HEADER) : Segments.HEADER;
                try (FileChannel channel = FileChannel.open(Segments.path(directory, segment), StandardOpenOption.READ)) {
                    Path path = Segments.path(directory, segment);
                    if (!Segments.hasHeader(channel, segment)) {
                        throw new JournalCorruptException(path + " does not start with its journal header");
                    }
                    long limit = segment == end.segment() ? end.offset() : channel.size();
                    var scanner = new FrameScanner(channel, start, limit);
                    ByteBuffer payload;
                    while (given < max && (payload = scanner.next()) != null) {
                        sink.accept(decode(payload, path, scanner.offset()));
                        given++;
                        at = new JournalPosition(segment, scanner.offset());
                    }
                    if (given == max) {
                        return at;
                    }
                    if (scanner.stop() != FrameScanner.Stop.END) {
                        throw new JournalCorruptException(path + ": damaged frame at offset " + scanner.offset() + " ("
                                + scanner.problem() + "); the records from there on cannot be read");
                    }
                    at = max(at, new JournalPosition(segment, scanner.offset()));
                } catch (NoSuchFileException deletedMeanwhile) {
                    // a segment drained and deleted since the listing holds nothing left to read
                }
            }
            return at;
        } catch (IOException e) {
            throw new JournalException("Cannot read the journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static UsageRecord decode(ByteBuffer payload, Path path, long frameEnd) {
        try {
            return RecordCodec.decode(payload);
        } catch (IllegalArgumentException e) {
            throw new JournalCorruptException(path + ": the record ending at offset " + frameEnd + " cannot be read: " + e.getMessage());
        }
    }

    private static JournalPosition max(JournalPosition a, JournalPosition b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
