package dev.tollgate.core.metering;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's journal: append-only segment files under {@code DATA/journal}, written with group
 * commit. Callers encode their record and queue it; one writer thread writes everything queued,
 * flushes once and releases every caller of that flush, so concurrent calls share one disk flush.
 *
 * <p>A new journal numbers its first segment with the current time in milliseconds, so that a
 * journal created afresh (its folder lost) never reuses positions the ledger remembers for this node.
 * After a failed write or flush, everything not acknowledged is cut off again and later appends
 * try anew (a full disk heals when space returns); if even that fails, the journal refuses appends
 * until the node restarts.
 */
public final class FileJournal implements Journal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
    private static final int MAX_BATCH = 8192;

    private static final class Pending extends CompletableFuture<Void> {
        final byte[] frame;

        Pending(byte[] frame) {
            this.frame = frame;
        }
    }

    private static final Pending STOP = new Pending(new byte[0]);

    private final Path directory;
    private final JournalOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SegmentWriter writer;
    private final BlockingQueue<Pending> queue;
    private final Thread writerThread;
    private volatile JournalPosition durableEnd;
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile Throwable broken;
    private volatile long records;
    private volatile long flushes;

    private FileJournal(Path directory, JournalOptions options, FileChannel lockChannel, FileLock lock, SegmentWriter writer) {
        this.directory = directory;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = writer;
        this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
        this.durableEnd = writer.end();
        this.writerThread = new Thread(this::writeLoop, "tollgate-journal-writer");
        writerThread.setDaemon(true);
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
            lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, directory);
            var journal = new FileJournal(directory, options, lockChannel, lock,
                    SegmentWriter.open(directory, options.segmentBytes(), Math.max(1, clock.millis())));
            journal.writerThread.start();
            return journal;
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
        Throwable failure = broken;
        if (failure != null) {
            throw new JournalException("The journal failed and refuses records until Tollgate restarts", failure);
        }
        var pending = new Pending(RecordCodec.frame(record));
        try {
            queue.put(pending);
            if (stopped) {
                failQueued(new JournalException("The journal is closed"));
            }
            pending.get(options.appendTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while the record was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JournalException j ? j : new JournalException("The record was not written", e.getCause());
        } catch (TimeoutException e) {
            throw new JournalException("The record was not on disk within " + options.appendTimeout());
        }
    }

    /** Just after the last acknowledged record: everything before it is on disk. */
    public JournalPosition durableEnd() {
        return durableEnd;
    }

    public JournalReader reader() {
        return new JournalReader(directory);
    }

    /** Records acknowledged since the journal was opened. */
    public long records() {
        return records;
    }

    /** Disk flushes since the journal was opened; {@link #records()} per flush is the group-commit factor. */
    public long flushes() {
        return flushes;
    }

    /**
     * Deletes the segments numbered below {@code segment}, once the ledger holds all their records.
     * The segment being written is never deleted.
     *
     * @return how many segment files were deleted
     */
    public int deleteSegmentsBefore(long segment) {
        long below = Math.min(segment, durableEnd.segment());
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
            if (writerThread.isAlive()) {
                queue.put(STOP);
            }
            writerThread.join();
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

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        try {
            while (!stopping) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                stopping = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("The journal writer was interrupted; the journal stops");
        } catch (Throwable t) {
            LOG.error("The journal writer failed; the journal stops", t);
            broken = t;
            batch.forEach(p -> p.completeExceptionally(new JournalException("The journal writer failed", t)));
        } finally {
            stopped = true;
            failQueued(new JournalException("The journal is closed"));
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("Closing the journal's segment failed", e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (broken != null) {
            JournalException refused = new JournalException("The journal failed and refuses records until Tollgate restarts", broken);
            batch.forEach(p -> p.completeExceptionally(refused));
            return;
        }
        try {
            for (Pending p : batch) {
                writer.write(p.frame);
            }
            writer.force();
            durableEnd = writer.end();
            records += batch.size();
            flushes++;
            batch.forEach(p -> p.complete(null));
        } catch (IOException e) {
            LOG.warn("The journal could not write {} records to disk; they are refused", batch.size(), e);
            JournalException failed = new JournalException("The record could not be written to disk: " + e.getMessage(), e);
            batch.forEach(p -> p.completeExceptionally(failed));
            rollBack();
        }
    }

    private void rollBack() {
        try {
            writer.rollBackTo(durableEnd);
        } catch (IOException | RuntimeException e) {
            LOG.error("The journal could not cut off a failed write; it refuses records until Tollgate restarts", e);
            broken = e;
        }
    }

    private void failQueued(JournalException why) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) {
            p.completeExceptionally(why);
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
