package dev.tollgate.core.metering;

import java.io.IOException;
import java.time.Duration;
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
 * Callers queue their frame and wait; one writer thread writes everything queued, flushes once and
 * releases every caller of that flush. While it flushes, the next callers queue up, so the more
 * concurrent callers, the more frames share a flush.
 *
 * <p>After a failed write or flush, everything not acknowledged is cut off again and later frames
 * try anew (a full disk heals when space returns); if even that fails, every frame is refused
 * until the process restarts.
 */
final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 8192;

    private static final class Pending extends CompletableFuture<Void> {
        final byte[] frame;

        Pending(byte[] frame) {
            this.frame = frame;
        }
    }

    private static final Pending STOP = new Pending(new byte[0]);

    private final SegmentWriter writer;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile JournalPosition durableEnd;
    private volatile boolean stopped;
    private volatile Throwable broken;
    private volatile long frames;
    private volatile long flushes;

    GroupCommit(SegmentWriter writer, int queueCapacity) {
        this.writer = writer;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.durableEnd = writer.end();
        this.thread = new Thread(this::writeLoop, "tollgate-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once {@code frame} is on disk. */
    void write(byte[] frame, Duration timeout) {
        Throwable failure = broken;
        if (failure != null) {
            throw refusal(failure);
        }
        var pending = new Pending(frame);
        try {
            queue.put(pending);
            if (stopped) {
                failQueued(new JournalException("The journal is closed"));
            }
            pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while the record was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JournalException j ? j : new JournalException("The record was not written", e.getCause());
        } catch (TimeoutException e) {
            throw new JournalException("The record was not on disk within " + timeout);
        }
    }

    /**
     * Queues {@code frame} and returns at once a future completed when it is on disk, or failed when it
     * cannot be (broken, closed, or the queue full): for a caller that must not block while it waits.
     */
    CompletableFuture<Void> writeAsync(byte[] frame) {
        Throwable failure = broken;
        if (failure != null) {
            return CompletableFuture.failedFuture(refusal(failure));
        }
        var pending = new Pending(frame);
        if (stopped || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(new JournalException(stopped ? "The journal is closed" : "The journal's queue is full"));
        }
        if (stopped) {
            failQueued(new JournalException("The journal is closed"));
        }
        return pending;
    }

    /**
     * Queues {@code frame} for the next flush and returns at once; false when the journal refuses
     * it (broken, closed or full). Nobody waits for the frame, so nobody is told if it is lost.
     */
    boolean writeWithoutWaiting(byte[] frame) {
        if (broken != null || stopped) {
            return false;
        }
        return queue.offer(new Pending(frame));
    }

    JournalPosition durableEnd() { return durableEnd; }

    long frames() { return frames; }

    long flushes() { return flushes; }

    /** Writes and flushes what is queued, then stops; later frames are refused. */
    void stop() throws InterruptedException {
        if (thread.isAlive()) {
            queue.put(STOP);
        }
        thread.join();
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
            batch.forEach(p -> p.completeExceptionally(refusal(t)));
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
            JournalException refused = refusal(broken);
            batch.forEach(p -> p.completeExceptionally(refused));
            return;
        }
        try {
            for (Pending p : batch) {
                writer.write(p.frame);
            }
            writer.force();
            durableEnd = writer.end();
            frames += batch.size();
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

    /** Whoever sees the writer stopped fails what is queued, so no caller waits for a writer that is gone. */
    private void failQueued(JournalException why) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) {
            p.completeExceptionally(why);
        }
    }

    private static JournalException refusal(Throwable cause) {
        return new JournalException("The journal failed and refuses records until Tollgate restarts", cause);
    }
}
