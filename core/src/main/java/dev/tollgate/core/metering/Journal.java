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
}
