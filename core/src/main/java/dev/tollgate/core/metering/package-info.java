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
 */
package dev.tollgate.core.metering;
