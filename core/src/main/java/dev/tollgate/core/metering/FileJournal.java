package dev.tollgate.core.metering;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's journal: append-only segment files under {@code DATA/journal}, written with group
 * commit (see {@link GroupCommit}), so that concurrent calls share one disk flush.
 *
 * <p>A new journal numbers its first segment with the current time in milliseconds, so that a
 * journal created afresh (its folder lost) never reuses positions the ledger remembers for this node.
 */
public final class FileJournal implements Journal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);

    private final Path directory;
    private final JournalOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GroupCommit commits;
    private volatile boolean closed;

    private FileJournal(Path directory, JournalOptions options, FileChannel lockChannel, FileLock lock, SegmentWriter writer) {
        this.directory = directory;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.commits = new GroupCommit(writer, options.queueCapacity());
    }

    /** The journal's folder inside a node's data folder. */
    public static Path directoryIn(Path dataDirectory) {
        return dataDirectory.resolve("journal");
    }

    public static FileJournal open(Path dataDirectory) {
        return open(dataDirectory, JournalOptions.defaults(), Clock.systemUTC());
    }

    /**
     * Opens (or creates) the journal of the node whose data folder is {@code dataDirectory}, cutting
     * off any torn tail a crash left behind.
     *
     * @throws JournalException when another process has it open, or it cannot be read
     */
    public static FileJournal open(Path dataDirectory, JournalOptions options, Clock clock) {
        Path directory = directoryIn(dataDirectory);
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            dev.tollgate.core.secret.PrivateFiles.restrict(directory);
            lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            dev.tollgate.core.secret.PrivateFiles.restrict(directory.resolve("lock"));
            FileLock lock = tryLock(lockChannel, directory);
            return new FileJournal(directory, options, lockChannel, lock,
                    SegmentWriter.open(directory, options.segmentBytes(), Math.max(1, clock.millis())));
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new JournalException("Cannot open the journal in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new JournalException("The journal in " + directory + " is in use by another Tollgate process");
        }
        return lock;
    }

    @Override
    public void append(UsageRecord record) {
        if (closed) {
            throw new JournalException("The journal is closed");
        }
        commits.write(RecordCodec.frame(record), options.appendTimeout());
    }

    /**
     * {@link #append} for a caller that must not block: the future completes once {@code record} is on
     * disk, and fails with a {@link JournalException} when it cannot be made durable within the append timeout.
     */
    @Override
    public CompletableFuture<Void> appendAsync(UsageRecord record) {
        if (closed) {
            return CompletableFuture.failedFuture(new JournalException("The journal is closed"));
        }
        return commits.writeAsync(RecordCodec.frame(record)).orTimeout(options.appendTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    return CompletableFuture.failedFuture(cause instanceof TimeoutException
                            ? new JournalException("The record was not on disk within " + options.appendTimeout()) : cause);
                });
    }

    @Override
    public boolean appendWithoutWaiting(UsageRecord record) {
        return !closed && commits.writeWithoutWaiting(RecordCodec.frame(record));
    }

    /** Just after the last acknowledged record: everything before it is on disk. */
    public JournalPosition durableEnd() {
        return commits.durableEnd();
    }

    public JournalReader reader() {
        return new JournalReader(directory);
    }

    /** Records acknowledged since the journal was opened. */
    public long records() {
        return commits.frames();
    }

    /** Disk flushes since the journal was opened; {@link #records()} per flush is the group-commit factor. */
    public long flushes() {
        return commits.flushes();
    }

    /**
     * Deletes the segments numbered below {@code segment}, once the ledger holds all their records.
     * The segment being written is never deleted.
     *
     * @return how many segment files were deleted
     */
    public int deleteSegmentsBefore(long segment) {
        long below = Math.min(segment, durableEnd().segment());
        int deleted = 0;
        try {
            for (long s : Segments.list(directory)) {
                if (s < below && Files.deleteIfExists(Segments.path(directory, s))) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete drained journal segments in {}; will try again", directory, e);
        }
        return deleted;
    }

    /** Writes and flushes what is queued, then stops: appends after this fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commits.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Releasing the journal lock failed", e);
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing failed", e);
            }
        }
    }
}
