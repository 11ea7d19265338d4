package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void appendedRecordsAreReadBackInOrder() {
        List<UsageRecord> written = new ArrayList<>();
        try (var journal = open(JournalOptions.defaults())) {
            for (int i = 0; i < 100; i++) {
                written.add(Records.call(i));
                journal.append(written.get(i));
            }
            assertThat(readAll(journal.durableEnd())).containsExactlyElementsOf(written);
        }
    }

    @Test
    void concurrentAppendsAreEachPresentOnceAndShareFlushes() throws Exception {
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        JournalPosition end;
        long flushes;
        try (var journal = open(JournalOptions.defaults())) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            for (int t = 0; t < 32; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        UsageRecord r = Records.call(i);
                        journal.append(r);
                        acknowledged.add(r.callId());
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            end = journal.durableEnd();
            flushes = journal.flushes();
            assertThat(journal.records()).isEqualTo(6400);
        }
        List<UUID> read = readAll(end).stream().map(UsageRecord::callId).toList();
        assertThat(read).hasSize(6400).doesNotHaveDuplicates();
        assertThat(Set.copyOf(read)).isEqualTo(acknowledged);
        assertThat(flushes).as("flushes shared by concurrent appends").isLessThan(6400);
    }

    @Test
    void halfARecordAtTheEndIsIgnoredAndCutOffOnReopen() throws IOException {
        List<UsageRecord> written = appendAndClose(10);
        Path segment = onlySegment();
        long goodSize = Files.size(segment);
        byte[] next = RecordCodec.frame(Records.call(99));
        Files.write(segment, java.util.Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);

        try (var journal = open(JournalOptions.defaults())) {
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            assertThat(journal.durableEnd()).isEqualTo(new JournalPosition(segmentNumber(segment), goodSize));
            assertThat(readAll(journal.durableEnd())).containsExactlyElementsOf(written);
        }
    }

    @Test
    void garbageAtTheEndIsCutOffAndAppendsContinueAfterTheGoodRecords() throws IOException {
        List<UsageRecord> written = new ArrayList<>(appendAndClose(10));
        Path segment = onlySegment();
        long goodSize = Files.size(segment);
        Files.write(segment, new byte[] {0x00, 0x00, 0x10, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9}, StandardOpenOption.APPEND);

        try (var journal = open(JournalOptions.defaults())) {
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            UsageRecord after = Records.call(11);
            journal.append(after);
            written.add(after);
            assertThat(readAll(journal.durableEnd())).containsExactlyElementsOf(written);
        }
    }

    @Test
    void checksumMismatchStopsTheReaderAtTheBadRecord() throws IOException {
        List<UsageRecord> written = appendAndClose(10);
        Path segment = onlySegment();
        long end = Files.size(segment);
        long sixth = Segments.HEADER + 5L * frameLength(written.get(0));
        flipByte(segment, sixth + Frames.HEADER + 20);

        List<UsageRecord> read = new ArrayList<>();
        var position = new JournalPosition(segmentNumber(segment), end);
        assertThatThrownBy(() -> new JournalReader(FileJournal.directoryIn(data)).read(JournalPosition.START, position, 1000, read::add))
                .isInstanceOf(JournalCorruptException.class).hasMessageContaining("offset " + sixth).hasMessageContaining("checksum");
        assertThat(read).containsExactlyElementsOf(written.subList(0, 5));
    }

    @Test
    void reopeningAfterABadRecordKeepsTheRecordsBeforeIt() throws IOException {
        List<UsageRecord> written = appendAndClose(10);
        Path segment = onlySegment();
        long sixth = Segments.HEADER + 5L * frameLength(written.get(0));
        flipByte(segment, sixth + 3);

        try (var journal = open(JournalOptions.defaults())) {
            assertThat(journal.durableEnd().offset()).isEqualTo(sixth);
            assertThat(readAll(journal.durableEnd())).containsExactlyElementsOf(written.subList(0, 5));
        }
    }

    @Test
    void segmentCutShortWhileBeingCreatedIsStartedAgain() throws IOException {
        List<UsageRecord> written = appendAndClose(3);
        long next = segmentNumber(onlySegment()) + 1;
        Files.write(Segments.path(FileJournal.directoryIn(data), next), new byte[] {0x54, 0x47});

        try (var journal = open(JournalOptions.defaults())) {
            assertThat(journal.durableEnd()).isEqualTo(new JournalPosition(next, Segments.HEADER));
            UsageRecord after = Records.call(4);
            journal.append(after);
            assertThat(readAll(journal.durableEnd())).containsExactly(written.get(0), written.get(1), written.get(2), after);
        }
    }

    @Test
    void fullSegmentsRollOverAndAreReadAcross() throws IOException {
        List<UsageRecord> written = new ArrayList<>();
        try (var journal = open(JournalOptions.defaults().withSegmentBytes(JournalOptions.MIN_SEGMENT_BYTES))) {
            for (int i = 0; i < 300; i++) {
                written.add(Records.call(i));
                journal.append(written.get(i));
            }
            assertThat(Segments.list(FileJournal.directoryIn(data))).hasSizeGreaterThan(5);
            assertThat(readAll(journal.durableEnd())).containsExactlyElementsOf(written);
            for (long s : Segments.list(FileJournal.directoryIn(data))) {
                assertThat(Files.size(Segments.path(FileJournal.directoryIn(data), s))).isLessThanOrEqualTo(JournalOptions.MIN_SEGMENT_BYTES);
            }
        }
    }

    @Test
    void readingInStepsGoesOnWhereTheLastStepEnded() {
        List<UsageRecord> read = new ArrayList<>();
        List<UsageRecord> written = new ArrayList<>();
        try (var journal = open(JournalOptions.defaults().withSegmentBytes(JournalOptions.MIN_SEGMENT_BYTES))) {
            for (int i = 0; i < 200; i++) {
                written.add(Records.call(i));
                journal.append(written.get(i));
            }
            var reader = journal.reader();
            JournalPosition at = JournalPosition.START;
            for (int step = 0; step < 100 && at.isBefore(journal.durableEnd()); step++) {
                int before = read.size();
                at = reader.read(at, journal.durableEnd(), 7, read::add);
                assertThat(read.size() - before).isLessThanOrEqualTo(7);
            }
            assertThat(at).isEqualTo(journal.durableEnd());
        }
        assertThat(read).containsExactlyElementsOf(written);
    }

    @Test
    void firstSegmentIsNumberedByTheTimeTheJournalWasCreated() {
        try (var journal = open(JournalOptions.defaults())) {
            assertThat(journal.durableEnd()).isEqualTo(new JournalPosition(CLOCK.millis(), Segments.HEADER));
        }
    }

    @Test
    void drainedSegmentsAreDeletedButNeverTheOneBeingWritten() throws IOException {
        try (var journal = open(JournalOptions.defaults().withSegmentBytes(JournalOptions.MIN_SEGMENT_BYTES))) {
            for (int i = 0; i < 200; i++) {
                journal.append(Records.call(i));
            }
            List<Long> segments = Segments.list(FileJournal.directoryIn(data));
            long active = journal.durableEnd().segment();

            assertThat(journal.deleteSegmentsBefore(segments.get(2))).isEqualTo(2);
            assertThat(Segments.list(FileJournal.directoryIn(data))).isEqualTo(segments.subList(2, segments.size()));

            journal.deleteSegmentsBefore(Long.MAX_VALUE);
            assertThat(Segments.list(FileJournal.directoryIn(data))).containsExactly(active);
            UsageRecord after = Records.call(1);
            journal.append(after);
            assertThat(readAll(journal.durableEnd())).endsWith(after);
        }
    }

    @Test
    void aSecondOpenOfTheSameJournalIsRefused() {
        try (var journal = open(JournalOptions.defaults())) {
            assertThatThrownBy(() -> open(JournalOptions.defaults())).isInstanceOf(JournalException.class).hasMessageContaining("in use");
        }
        open(JournalOptions.defaults()).close();
    }

    @Test
    void appendAfterCloseFailsAndReopenContinues() {
        var journal = open(JournalOptions.defaults());
        UsageRecord first = Records.call(1);
        journal.append(first);
        journal.close();

        assertThatThrownBy(() -> journal.append(Records.call(2))).isInstanceOf(JournalException.class).hasMessageContaining("closed");
        try (var reopened = open(JournalOptions.defaults())) {
            UsageRecord second = Records.call(3);
            reopened.append(second);
            assertThat(readAll(reopened.durableEnd())).containsExactly(first, second);
        }
    }

    @Test
    void anAsyncAppendCompletesOnlyOnceItsRecordIsOnDiskAndManyShareAFlush() {
        List<UsageRecord> written = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<JournalPosition>> durableWhenDone = new ArrayList<>();
        JournalPosition end;
        try (var journal = open(JournalOptions.defaults())) {
            for (int i = 0; i < 500; i++) {
                written.add(Records.call(i));
                durableWhenDone.add(journal.appendAsync(written.get(i)).thenApply(done -> journal.durableEnd()));
            }
            for (int i = 0; i < written.size(); i++) {
                JournalPosition durable = durableWhenDone.get(i).join();
                assertThat(readAll(durable)).as("on disk when append %d completed", i).containsAll(written.subList(0, i + 1));
            }
            assertThat(journal.flushes()).as("flushes shared by appends nobody blocked on").isLessThan(500);
            end = journal.durableEnd();
        }
        assertThat(readAll(end)).containsExactlyElementsOf(written);
    }

    @Test
    void anAsyncAppendToAClosedJournalFailsAtOnceAndWritesNothing() {
        var journal = open(JournalOptions.defaults());
        UsageRecord first = Records.call(1);
        journal.append(first);
        JournalPosition end = journal.durableEnd();
        journal.close();

        var refused = journal.appendAsync(Records.call(2));
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(JournalException.class).hasMessageContaining("closed");
        assertThat(readAll(end)).containsExactly(first);
        try (var reopened = open(JournalOptions.defaults())) {
            assertThat(readAll(reopened.durableEnd())).containsExactly(first);
        }
    }

    private FileJournal open(JournalOptions options) {
        return FileJournal.open(data, options, CLOCK);
    }

    private List<UsageRecord> appendAndClose(int count) {
        List<UsageRecord> written = new ArrayList<>();
        try (var journal = open(JournalOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                written.add(Records.call("my-project", "posts.get", 200, Records.T0.plusSeconds(i)));
                journal.append(written.get(i));
            }
        }
        return written;
    }

    private List<UsageRecord> readAll(JournalPosition end) {
        List<UsageRecord> read = new ArrayList<>();
        new JournalReader(FileJournal.directoryIn(data)).read(JournalPosition.START, end, Integer.MAX_VALUE, read::add);
        return read;
    }

    private Path onlySegment() throws IOException {
        List<Long> segments = Segments.list(FileJournal.directoryIn(data));
        assertThat(segments).hasSize(1);
        return Segments.path(FileJournal.directoryIn(data), segments.get(0));
    }

    private static long segmentNumber(Path segment) {
        return Long.parseLong(segment.getFileName().toString().replace(".journal", ""));
    }

    private static int frameLength(UsageRecord record) {
        return RecordCodec.frame(record).length;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, offset);
        }
    }
}
