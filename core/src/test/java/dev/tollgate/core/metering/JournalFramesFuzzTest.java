package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Journal segments read back after damage: bit rot, a torn or truncated file, bytes appended or
 * overwritten. The documented semantics (package-info): the drain reads up to the acknowledged end
 * and a damaged frame before it stops the drain with JournalCorruptException, never skipped and
 * never turned into a record.
 */
class JournalFramesFuzzTest {

    private static final Path DIRECTORY = temporaryDirectory();

    /**
     * Input: byte 0 gives how many records (1-8) are written and whether they span two segments;
     * then groups of three bytes damage the files (position high, position low, xor value; a zero
     * xor cuts the last segment there instead). Property: reading to the acknowledged end either gives
     * exactly the written records in order and returns the end, or gives a prefix of them in order
     * and then throws JournalCorruptException; no other exception, no record that was not written,
     * and it finishes (the fuzzer's per-input timeout catches an endless loop).
     */
    @FuzzTest
    void damagedJournalGivesAPrefixOfTheWrittenRecordsThenStops(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int count = 1 + (data[0] & 7);
        boolean twoSegments = (data[0] & 8) != 0;
        List<UsageRecord> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            written.add(record(i, data));
        }
        clear();
        int split = twoSegments ? count / 2 : count;
        byte[] first = segment(1, written.subList(0, split));
        byte[] second = segment(2, written.subList(split, count));
        JournalPosition end = twoSegments ? new JournalPosition(2, second.length) : new JournalPosition(1, first.length);
        byte[][] files = twoSegments ? new byte[][] {first, second} : new byte[][] {first};
        for (int i = 1; i + 2 < data.length; i += 3) {
            int file = (data[i] & 0x80) != 0 && twoSegments ? 1 : 0;
            int at = ((data[i] & 0x7f) << 8 | (data[i + 1] & 0xff)) % (files[file].length + 1);
            byte xor = data[i + 2];
            // Only the last segment is cut: an earlier one cut exactly on a frame boundary cannot be
            // told from a complete one in this format (see docs/FUZZING.md, "Open").
            files[file] = xor == 0 && file == files.length - 1 ? Arrays.copyOf(files[file], at)
                    : xor == 0 ? files[file]
                    : at == files[file].length ? append(files[file], xor) : flip(files[file], at, xor);
        }
        for (int i = 0; i < files.length; i++) {
            Files.write(Segments.path(DIRECTORY, i + 1), files[i]);
        }

        List<UsageRecord> read = new ArrayList<>();
        JournalPosition reached;
        try {
            reached = new JournalReader(DIRECTORY).read(JournalPosition.START, end, 1000, read::add);
        } catch (JournalCorruptException stopped) {
            assertThat(read.size()).isLessThanOrEqualTo(written.size());
            assertThat(read).isEqualTo(written.subList(0, read.size()));
            return;
        }
        assertThat(read).isEqualTo(written);
        assertThat(reached).isEqualTo(end);
    }

    /**
     * Property: any payload with a good checksum decodes to a record or is refused with
     * IllegalArgumentException (which the reader reports as JournalCorruptException); a decoded
     * record encodes to a frame that decodes to the same record.
     */
    @FuzzTest
    void payloadDecodesToARecordOrIsRefused(byte[] payload) {
        UsageRecord record;
        try {
            record = RecordCodec.decode(ByteBuffer.wrap(payload));
        } catch (IllegalArgumentException refused) {
            return;
        }
        byte[] frame = RecordCodec.frame(record);
        assertThat(RecordCodec.decode(ByteBuffer.wrap(frame, Frames.HEADER, frame.length - Frames.HEADER).slice()))
                .isEqualTo(record);
    }

    private static UsageRecord record(int i, byte[] data) {
        int b = data[(i + 1) % data.length] & 0xff;
        return new UsageRecord(new UUID(i, b), Records.T0.plusSeconds(i * 7L + b), "project-" + (b % 5), "posts",
                b % 2 == 0 ? "posts.get" : "posts.list", b % 3 == 0 ? CredentialKind.CLIENT : CredentialKind.KEY,
                "credential-" + b, b % 4 == 0 ? Optional.of("person" + b + "@example.com") : Optional.empty(),
                200 + b, b, 10L * b, 3L * b);
    }

    private static byte[] segment(long number, List<UsageRecord> records) {
        var out = new java.io.ByteArrayOutputStream();
        ByteBuffer header = Segments.header(number);
        out.write(header.array(), header.arrayOffset(), header.remaining());
        for (UsageRecord r : records) {
            byte[] frame = RecordCodec.frame(r);
            out.write(frame, 0, frame.length);
        }
        return out.toByteArray();
    }

    private static byte[] flip(byte[] bytes, int at, byte xor) {
        byte[] copy = bytes.clone();
        copy[at] ^= xor;
        return copy;
    }

    private static byte[] append(byte[] bytes, byte value) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = value;
        return longer;
    }

    private static void clear() throws IOException {
        for (long segment : Segments.list(DIRECTORY)) {
            Files.delete(Segments.path(DIRECTORY, segment));
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("journal-fuzz");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
