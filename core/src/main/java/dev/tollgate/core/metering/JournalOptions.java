package dev.tollgate.core.metering;

import java.time.Duration;
import java.util.Objects;

/**
 * @param segmentBytes when a segment file is full and the next one starts
 * @param queueCapacity appends waiting for the writer before further appends block
 * @param appendTimeout how long an append waits for its flush before it fails; a record that
 *     becomes durable later is still counted, like any call in flight during a failure
 */
public record JournalOptions(long segmentBytes, int queueCapacity, Duration appendTimeout) {
    public static final long MIN_SEGMENT_BYTES = 4096;

    public JournalOptions {
        Objects.requireNonNull(appendTimeout, "appendTimeout");
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segments need at least " + MIN_SEGMENT_BYTES + " bytes");
        }
        if (queueCapacity < 1 || appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("the queue capacity and the append timeout must be positive");
        }
    }

    public static JournalOptions defaults() {
        return new JournalOptions(64L * 1024 * 1024, 65_536, Duration.ofSeconds(10));
    }

    public JournalOptions withSegmentBytes(long bytes) {
        return new JournalOptions(bytes, queueCapacity, appendTimeout);
    }
}
