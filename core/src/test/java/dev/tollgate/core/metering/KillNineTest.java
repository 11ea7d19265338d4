package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process that appends under load and checks that every acknowledged record survived, once. */
class KillNineTest {
    @TempDir
    Path data;

    @Test
    void everyAcknowledgedRecordSurvivesKillNineAndIsDrainedOnce() throws Exception {
        for (int round = 0; round < 2; round++) {
            Set<UUID> acknowledged = killWhileAppending();
            List<UUID> inJournal = new ArrayList<>();
            try (var journal = FileJournal.open(data)) {
                journal.reader().read(JournalPosition.START, journal.durableEnd(), Integer.MAX_VALUE, r -> inJournal.add(r.callId()));
                assertThat(inJournal).doesNotHaveDuplicates();
                assertThat(new HashSet<>(inJournal)).containsAll(acknowledged);
                assertThat(inJournal.size() - acknowledged.size()).as("in flight when killed, at most one per thread and kill")
                        .isLessThanOrEqualTo(16 * (round + 1));

                var ledger = new InMemoryLedger();
                new JournalDrain(journal, ledger, "node", LedgerSettings.DEFAULT, Clock.systemUTC()).drainAvailable();
                assertThat(ledger.totalMinuteCalls()).isEqualTo(inJournal.size());
            }
        }
    }

    /** @return the call ids the killed process acknowledged, journal appends included from earlier rounds */
    private Set<UUID> killWhileAppending() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendingProcess.class.getName(),
                data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<UUID> acknowledged = new HashSet<>(previous);
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.length() == 36) {
                    acknowledged.add(UUID.fromString(line));
                }
                if (acknowledged.size() == previous.size() + 3000) {
                    process.toHandle().destroyForcibly(); // SIGKILL, leaving the acknowledgements in the pipe readable
                }
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        previous = acknowledged;
        return acknowledged;
    }

    private Set<UUID> previous = Set.of();
}
