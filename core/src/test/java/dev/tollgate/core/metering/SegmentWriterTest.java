package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the journal does after a failed write or flush: forget everything not acknowledged, then go on. */
class SegmentWriterTest {
    @TempDir
    Path directory;

    @Test
    void rollingBackCutsTheSegmentAndRemovesNewerOnesThenWritingGoesOn() throws IOException {
        List<UsageRecord> acknowledged = new ArrayList<>();
        JournalPosition durable;
        try (var writer = SegmentWriter.open(directory, JournalOptions.MIN_SEGMENT_BYTES, 1)) {
            for (int i = 0; i < 10; i++) {
                acknowledged.add(Records.call(i));
                writer.write(RecordCodec.frame(acknowledged.get(i)));
            }
            writer.force();
            durable = writer.end();
            for (int i = 10; i < 200; i++) {
                writer.write(RecordCodec.frame(Records.call(i)));
            }
            writer.force();
            assertThat(Segments.list(directory)).hasSizeGreaterThan(3);

            writer.rollBackTo(durable);

            assertThat(Segments.list(directory)).containsExactly(1L);
            assertThat(Files.size(Segments.path(directory, 1))).isEqualTo(durable.offset());
            UsageRecord next = Records.call(500);
            writer.write(RecordCodec.frame(next));
            writer.force();
            acknowledged.add(next);
            List<UsageRecord> read = new ArrayList<>();
            new JournalReader(directory).read(JournalPosition.START, writer.end(), Integer.MAX_VALUE, read::add);
            assertThat(read).containsExactlyElementsOf(acknowledged);
        }
    }
}
