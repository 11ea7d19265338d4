package dev.tollgate.core.metering;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends frames to the newest segment, starting a new one when it is full. Used by one thread
 * only: the journal's writer. Nothing it writes counts until {@link #force()} returns.
 */
final class SegmentWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);
    private static final int BUFFER = 1 << 20;

    private final Path directory;
    private final long segmentBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private long segment;
    private FileChannel channel;
    /** Bytes of the segment in the file; {@link #end()} adds what is still buffered. */
    private long flushed;

    private SegmentWriter(Path directory, long segmentBytes, long segment, FileChannel channel, long size) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.segment = segment;
        this.channel = channel;
        this.flushed = size;
    }

    /**
     * Opens the newest segment for appending, after cutting off a torn tail that a crash left, or
     * creates segment {@code firstSegment} in an empty directory.
     */
    static SegmentWriter open(Path directory, long segmentBytes, long firstSegment) throws IOException {
        List<Long> segments = Segments.list(directory);
        if (segments.isEmpty()) {
            return new SegmentWriter(directory, segmentBytes, firstSegment, create(directory, firstSegment), Segments.HEADER);
        }
        long last = segments.get(segments.size() - 1);
        FileChannel channel = FileChannel.open(Segments.path(directory, last), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new SegmentWriter(directory, segmentBytes, last, channel, recoverTail(channel, directory, last));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the length of the segment once only whole, good frames remain */
    private static long recoverTail(FileChannel channel, Path directory, long segment) throws IOException {
        Path path = Segments.path(directory, segment);
        long size = channel.size();
        if (!Segments.hasHeader(channel, segment)) {
            if (size > Segments.HEADER) {
                throw new JournalCorruptException(path + " does not start with a journal header; move it away to start");
            }
            LOG.warn("Journal segment {} was cut short while it was created; writing its header again", path);
            channel.truncate(0);
            channel.write(Segments.header(segment), 0);
            channel.force(false);
            return Segments.HEADER;
        }
        var scanner = new FrameScanner(channel, Segments.HEADER, size);
        while (scanner.next() != null) {
            // only the end of the good frames matters here
        }
        if (scanner.stop() != FrameScanner.Stop.END) {
            LOG.warn("Journal segment {}: dropping {} bytes after offset {} ({}); they were never acknowledged",
                    path, size - scanner.offset(), scanner.offset(), scanner.problem());
            channel.truncate(scanner.offset());
            channel.force(false);
        }
        return scanner.offset();
    }

    private static FileChannel create(Path directory, long segment) throws IOException {
        FileChannel channel = FileChannel.open(Segments.path(directory, segment), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            // Owner-only before the first record is written, whatever the umask.
            dev.tollgate.core.secret.PrivateFiles.restrict(Segments.path(directory, segment));
            ByteBuffer header = Segments.header(segment);
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            Segments.syncDirectory(directory);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the next frame goes. */
    JournalPosition end() {
        return new JournalPosition(segment, flushed + buffer.position());
    }

    void write(byte[] frame) throws IOException {
        long size = flushed + buffer.position();
        if (size + frame.length > segmentBytes && size > Segments.HEADER) {
            roll();
        }
        if (buffer.remaining() < frame.length) {
            flush();
        }
        buffer.put(frame);
    }

    /** Puts everything written so far on disk. */
    void force() throws IOException {
        flush();
        channel.force(false);
    }

    /**
     * After a failed write or force: forgets everything after {@code durable}, so that no frame the
     * journal did not acknowledge stays, and no later frame follows a torn one.
     */
    void rollBackTo(JournalPosition durable) throws IOException {
        buffer.clear();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the failed journal segment failed too", e);
        }
        for (long s : Segments.list(directory)) {
            if (s > durable.segment()) {
                Files.delete(Segments.path(directory, s));
            }
        }
        channel = FileChannel.open(Segments.path(directory, durable.segment()), StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.truncate(durable.offset());
        channel.force(false);
        segment = durable.segment();
        flushed = durable.offset();
    }

    private void roll() throws IOException {
        force();
        FileChannel next = create(directory, segment + 1);
        channel.close();
        channel = next;
        segment++;
        flushed = Segments.HEADER;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            flushed += channel.write(buffer, flushed);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            force();
        } finally {
            channel.close();
        }
    }
}
