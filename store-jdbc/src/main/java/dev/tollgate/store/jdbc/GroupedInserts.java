package dev.tollgate.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Inserts that callers make at the same time share one transaction, so one commit. A commit is most
 * of what inserting a row costs: on H2 (which Tollgate runs with {@code WRITE_DELAY=0}) it writes a
 * chunk to the file, on PostgreSQL it flushes the write-ahead log, and either way it is taken one at
 * a time. Every {@link #insert} still returns only once its own row is committed, as a lone insert would.
 *
 * <p>No thread of its own: the first caller to get the writer's lock writes every row waiting, its
 * own among them, while the others wait for the lock and then find theirs written. A caller alone
 * writes its row at once, without a hand-off.
 */
final class GroupedInserts<T> {
    /** Enough to take in every request thread's row at once without one transaction growing unbounded. */
    static final int MAX_BATCH = 256;

    private final ConcurrentLinkedQueue<Pending<T>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Consumer<List<T>> batch;
    private final Consumer<T> single;

    /**
     * @param batch  inserts rows in one transaction; any failure fails them all
     * @param single inserts one row in a transaction of its own: after a failed batch each row is
     *               tried alone, so that one bad row fails only its own caller
     */
    GroupedInserts(Consumer<List<T>> batch, Consumer<T> single) {
        this.batch = batch;
        this.single = single;
    }

    void insert(T row) {
        var mine = new Pending<>(row);
        waiting.add(mine);
        writer.lock();
        try {
            while (!mine.written) { // more than MAX_BATCH ahead of it: the next batch
                writeWaiting();
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Rows queued and not yet taken by a writer (tests). */
    int waiting() {
        return waiting.size();
    }

    /** Under the writer's lock, which also makes each row's outcome visible to its caller once that caller holds it. */
    private void writeWaiting() {
        var taken = new ArrayList<Pending<T>>();
        Pending<T> next;
        while (taken.size() < MAX_BATCH && (next = waiting.poll()) != null) {
            taken.add(next);
        }
        try {
            var rows = new ArrayList<T>(taken.size());
            taken.forEach(p -> rows.add(p.row));
            batch.accept(rows);
        } catch (RuntimeException | Error batchFailure) {
            for (Pending<T> p : taken) {
                try {
                    single.accept(p.row);
                } catch (RuntimeException e) {
                    p.failure = e;
                } catch (Error e) {
                    p.failure = new IllegalStateException("The row could not be written.", e);
                }
            }
        } finally {
            taken.forEach(p -> p.written = true);
        }
    }

    private static final class Pending<T> {
        final T row;
        boolean written;
        RuntimeException failure;

        Pending(T row) {
            this.row = row;
        }
    }
}
