/**
 * Metering: every charged call's {@link dev.tollgate.core.metering.UsageRecord} reaches the node's
 * {@link dev.tollgate.core.metering.FileJournal} before the caller gets its answer, and a
 * {@link dev.tollgate.core.metering.JournalDrain} moves the journal into the shared ledger in
 * idempotent batches; {@link dev.tollgate.core.metering.UsageLedger} reads the ledger back.
 *
 * <h2>Journal files</h2>
 * {@code DATA/journal/NNNNNNNNNNNNNNNNNNNN.journal} (20-digit segment number; a new journal starts at
 * the current epoch millisecond), a new segment when the current one would pass 64 MiB. A segment is
 * a 16-byte header (int magic {@code 0x54474A4C} "TGJL", int format 1, long segment number) and
 * then frames: int payload length, int CRC32C over the four length bytes and the payload, payload.
 * The payload is a record in the binary form of {@code RecordCodec} (version byte first), about
 * 110 bytes for a typical call. Integers are big-endian. {@code DATA/journal/lock} keeps a second
 * process out.
 *
 * <h2>What is guaranteed</h2>
 * An append returns only after its frame was written and {@code fdatasync}ed (one flush shared by
 * all appends queued meanwhile). Opening the journal cuts off a torn or damaged tail of the last
 * segment: such bytes were never acknowledged. The drain reads only up to the acknowledged end, so
 * a damaged frame before it is real damage and stops the drain there (never skipped silently). The
 * ledger applies a batch and moves the node's position ({@code DATA/node-id} names the node) in one
 * transaction, refusing a batch that does not start where the node's position is; so a crash or a
 * retry at any point neither loses nor doubles a call.
 *
 * <h2>The ledger's rows</h2>
 * A row ({@link dev.tollgate.core.metering.UsageKey}) counts one project's calls of one method
 * with one credential (an API key's id, an OAuth client's id, a service account's address) that
 * ended with one status, in a minute (kept {@code --usage-minute-retention-days}) or a day of the
 * ledger's day zone (kept for good). The drain adds each record to its minute row and its day row
 * in the same transaction, so days carry credentials and latencies as minutes do, and the purge of
 * old minutes loses nothing that the days do not keep. A query adds up the rows of the fields it
 * does not group by: per service, method and status, and so every bill, the answer is the same as
 * when rows had no credential. Rows written before the ledger kept credentials (V13) keep their
 * counts as {@link dev.tollgate.core.metering.UsageCredential#UNRECORDED}.
 *
 * <p>Why the credential is part of the key rather than a table of its own (rows per project,
 * credential and minute, beside today's rows per method and status): a separate table would keep
 * queries by method and status as cheap as before, but could not answer a credential's calls per
 * method or status (a key's errors, a client's latency on one method), which is what a console's
 * metrics page filters by. The cost of the key is rows: a minute has one row per method, status
 * and credential that called, so rows grow with the number of credentials that call the same
 * method in the same minute, not with the number of credentials. With one credential per
 * project, or credentials that call different methods (an app's key, a backend's service account),
 * there are as many rows as before. Measured once when this was chosen (a throwaway harness
 * through {@code JdbcLedgerRepository}: 20 methods × 3 statuses, 6 hours of minutes and 31 days,
 * c credentials calling every method; PostgreSQL 15, 2 shared vCPUs): a month of days by method
 * and status (a bill) took 5.5 ms at c = 1, 14 ms at c = 4 and 59 ms at c = 16; 6 hours of
 * minutes 51, 160 and 760 ms (H2: 46, 170 and 1,230 ms). Query cost grows linearly with rows, so
 * a project whose many credentials all call the same methods pays that factor on long ranges of
 * minutes; bills read days and stay small.
 *
 * <h2>Latency</h2>
 * Every row holds a {@link dev.tollgate.core.metering.LatencyHistogram}: counts in 20 buckets
 * whose bounds are fixed for good (below 0.25 ms, then doubling: 0.25–0.5 ms, 0.5–1 ms … up to
 * 65.536 s, and one bucket beyond). Histograms of any rows add up bucket by bucket, so the
 * percentiles of any range and grouping come from the sum: the call of the percentile's rank is
 * placed within its bucket as if the bucket's calls were spread evenly over it, which keeps the
 * estimate inside the bucket that holds the true value (at most a factor of 2 off), and a rank in
 * the last bucket reads as 65.536 s, "at least". Latency is the record's: from the call's arrival
 * at the gateway until its usage was recorded.
 */
package dev.tollgate.core.metering;
