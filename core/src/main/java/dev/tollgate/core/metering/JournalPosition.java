package dev.tollgate.core.metering;

import java.util.Comparator;

/**
 * A place in a node's journal: a byte offset in a numbered segment file. Positions order the
 * records; the drained position is the one just after the last record in the ledger.
 */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {
    /** Before every record of any journal. */
    public static final JournalPosition START = new JournalPosition(0, 0);

    private static final Comparator<JournalPosition> ORDER =
            Comparator.comparingLong(JournalPosition::segment).thenComparingLong(JournalPosition::offset);

    public JournalPosition {
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException("a journal position cannot be negative");
        }
    }

    @Override
    public int compareTo(JournalPosition other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(JournalPosition other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return segment + ":" + offset;
    }
}
