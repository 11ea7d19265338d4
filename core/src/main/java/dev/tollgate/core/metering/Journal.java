package dev.tollgate.core.metering;

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
     * Queues {@code record} for the next flush without waiting for it, for a record whose loss in a
     * crash leaves the ledger right but less exact (a settlement: its charge is already on disk).
     * Never throws: the caller has already been served and must not be told otherwise.
     *
     * @return false when the journal refused the record (it will not reach the ledger)
     */
    boolean appendWithoutWaiting(UsageRecord record);
}
