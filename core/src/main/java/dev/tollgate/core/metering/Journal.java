package dev.tollgate.core.metering;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where every charged call's usage is written before its caller gets an answer. */
public interface Journal {
    /**
     * Returns once {@code record} is on disk (flushed), so that no crash can lose it.
     *
     * @throws JournalException when the record could not be made durable; the call must then not be
     *     answered as if it had been recorded
     */
    void append(UsageRecord record);

    /**
     * {@link #append} for a caller that must not block: completes once {@code record} is on disk, or
     * fails with a {@link JournalException}. A journal without a writer of its own appends here and now.
     */
    default CompletionStage<Void> appendAsync(UsageRecord record) {
        try {
            append(record);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Queues {@code record} for the next flush without waiting for it, for a record whose loss in a
     * crash leaves the ledger right but less exact (a settlement: its charge is already on disk).
     * Never throws: the caller has already been served and must not be told otherwise.
     *
     * @return false when the journal refused the record (it will not reach the ledger)
     */
    boolean appendWithoutWaiting(UsageRecord record);
}
