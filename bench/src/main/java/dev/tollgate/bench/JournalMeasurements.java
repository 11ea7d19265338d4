package dev.tollgate.bench;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.FileJournal;
import dev.tollgate.core.metering.JournalDrain;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcLedgerRepository;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Journal throughput (records per second made durable, with T threads appending as gateway calls
 * would) and the drain rate into the ledger (records per second aggregated and committed), on this
 * machine's disk and the embedded H2 database, or PostgreSQL with {@code --db JDBC_URL --db-user U}.
 *
 * <pre>java -cp BENCH_CP dev.tollgate.bench.JournalMeasurements [threads] [records]</pre>
 */
public final class JournalMeasurements {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String dbUrl = option(args, "--db");
        String dbUser = option(args, "--db-user");
        Path data = Files.createTempDirectory("tollgate-journal-");
        try (FileJournal journal = FileJournal.open(data)) {
            long start = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Thread w = new Thread(() -> {
                    for (int i = offset; i < records; i += threads) {
                        journal.append(record(i));
                    }
                });
                w.start();
                writers.add(w);
            }
            for (Thread w : writers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("journal: %d records from %d threads in %.2f s = %.0f records/s durable, %.1f records per flush%n",
                    records, threads, seconds, records / seconds, (double) journal.records() / Math.max(1, journal.flushes()));

            try (Database db = Database.open(dbUrl != null ? dbUrl : Database.h2Url(data), dbUser, null)) {
                var drain = new JournalDrain(journal, new JdbcLedgerRepository(db), "bench-node", LedgerSettings.DEFAULT, Clock.systemUTC());
                var cpu = ManagementFactory.getThreadMXBean();
                long drainStart = System.nanoTime();
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long drained = 0;
                long n;
                while ((n = drain.drainAvailable()) > 0) {
                    drained += n;
                }
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                // The draining thread's CPU (with H2 this includes the database's work) varies far less than wall time on a shared machine.
                double cpuMicrosPerRecord = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3 / Math.max(1, drained);
                System.out.printf("drain: %d records into the ledger on %s in %.2f s = %.0f records/s, %.2f µs of the draining thread's CPU per record%n",
                        drained, dbUrl != null ? "PostgreSQL" : "H2", drainSeconds, drained / drainSeconds, cpuMicrosPerRecord);
            }
        }
    }

    /** 50 projects × 3 methods × 4 statuses over the current minute: a realistic spread of ledger rows. */
    private static UsageRecord record(int i) {
        return new UsageRecord(new UUID(i, i), Instant.now(), "project-" + (i % 50), "posts", "posts.method" + (i % 3),
                CredentialKind.KEY, "key-" + (i % 50), Optional.empty(), new int[] {200, 200, 404, 429}[i % 4], 120, 840, 350);
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
