package dev.tollgate.core.metering;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a node's journal into the ledger: reads the records after the node's drained position,
 * adds them up per minute and per day, and hands each batch to the ledger, which applies it and
 * moves the position in one transaction. A crash before the commit leaves the position where it
 * was, so the batch is read again; a crash after it leaves the position past the batch, so it is
 * never read again. The drained segments are then deleted.
 *
 * <p>The position is re-read from the ledger after every failure, since a failed commit may have
 * succeeded; a batch that starts from a stale position is refused by the ledger anyway.
 */
public final class JournalDrain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalDrain.class);
    public static final int DEFAULT_BATCH = 100_000;
    private static final int CONFLICT_ATTEMPTS = 3;

    private final FileJournal journal;
    private final JournalReader reader;
    private final LedgerRepository ledger;
    private final String nodeId;
    private final LedgerSettings settings;
    private final Clock clock;
    private final int maxBatch;
    private ScheduledExecutorService scheduler;
    /** Null until read from the ledger, and again after a failure. */
    private Optional<JournalPosition> drained;
    private boolean failing;
    private boolean warnedPastEnd;

    public JournalDrain(FileJournal journal, LedgerRepository ledger, String nodeId, LedgerSettings settings, Clock clock, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.journal = journal;
        this.reader = journal.reader();
        this.ledger = ledger;
        this.nodeId = nodeId;
        this.settings = settings;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    public JournalDrain(FileJournal journal, LedgerRepository ledger, String nodeId, LedgerSettings settings, Clock clock) {
        this(journal, ledger, nodeId, settings, clock, DEFAULT_BATCH);
    }

    /** Drains every {@code interval} on a thread of its own, until {@link #close()}. */
    public synchronized JournalDrain start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-journal-drain");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::drainLogged, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Drains every record the journal has acknowledged so far.
     *
     * @return how many records went into the ledger
     * @throws RuntimeException from the ledger or the journal; nothing is lost, the next call goes on
     */
    public synchronized long drainAvailable() {
        JournalPosition end = journal.durableEnd();
        long drainedRecords = 0;
        int conflicts = 0;
        while (true) {
            try {
                Optional<JournalPosition> expected = drained();
                JournalPosition from = expected.orElse(JournalPosition.START);
                if (!from.isBefore(end)) {
                    warnIfPastEnd(from, end);
                    return drainedRecords;
                }
                var aggregation = new UsageAggregation(settings.dayZone());
                JournalPosition next = reader.read(from, end, maxBatch, aggregation::add);
                if (next.equals(from)) {
                    return drainedRecords;
                }
                ledger.apply(new LedgerBatch(nodeId, expected, next, aggregation.minutes(), aggregation.days(), clock.instant()));
                drained = Optional.of(next);
                drainedRecords += aggregation.records();
                journal.deleteSegmentsBefore(next.segment());
            } catch (PositionConflictException e) {
                drained = null;
                if (++conflicts >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
                LOG.info("The ledger's position for node {} moved under this drain; reading it again", nodeId);
            } catch (RuntimeException e) {
                drained = null;
                throw e;
            }
        }
    }

    /** Stops draining on schedule, then drains what is left: close the journal first so that nothing is left behind. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("The journal drain did not finish in 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            long records = drainAvailable();
            LOG.debug("Drained {} records while stopping", records);
        } catch (RuntimeException e) {
            LOG.warn("The last drain before stopping failed; the records stay in the journal for the next start", e);
        }
    }

    private Optional<JournalPosition> drained() {
        if (drained == null) {
            drained = ledger.drainedPosition(nodeId);
        }
        return drained;
    }

    /** A journal replaced while the clock was set back numbers its segments below the old position, and would never drain. */
    private void warnIfPastEnd(JournalPosition from, JournalPosition end) {
        if (from.segment() > end.segment() && !warnedPastEnd) {
            warnedPastEnd = true;
            LOG.error("The ledger has node {} drained up to {}, past the end {} of its journal: was the journal replaced? "
                    + "Its records are not drained until this is resolved", nodeId, from, end);
        }
    }

    private void drainLogged() {
        try {
            drainAvailable();
            if (failing) {
                LOG.info("The journal drains into the ledger again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Draining the journal into the ledger failed; retrying every interval until it works", e);
                failing = true;
            } else {
                LOG.debug("Draining still fails", e);
            }
        }
    }
}
