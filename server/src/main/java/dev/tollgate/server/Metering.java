package dev.tollgate.server;

import dev.tollgate.core.metering.FileJournal;
import dev.tollgate.core.metering.JournalDrain;
import dev.tollgate.core.metering.LedgerRepository;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.NodeId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** This node's journal under its data folder, and the drain that moves it into the shared ledger every second. */
record Metering(FileJournal journal, JournalDrain drain) implements AutoCloseable {
    static final Duration DRAIN_INTERVAL = Duration.ofSeconds(1);

    static Metering start(Path dataDir, LedgerRepository ledger, LedgerSettings settings, Clock clock) {
        // The node id first: it refuses to be made up for a journal that already holds records.
        String nodeId = NodeId.loadOrCreate(dataDir);
        FileJournal journal = FileJournal.open(dataDir);
        JournalDrain drain = new JournalDrain(journal, ledger, nodeId, settings, clock).start(DRAIN_INTERVAL);
        return new Metering(journal, drain);
    }

    @Override
    public void close() {
        // The journal first: no record may arrive after the drain's last pass.
        journal.close();
        drain.close();
    }
}
