package dev.tollgate.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The audit log in a list, with the JDBC log's order and selection. */
final class InMemoryAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public synchronized void append(AuditEntry entry) {
        if (failure != null) {
            throw failure;
        }
        records.add(new AuditRecord(records.size() + 1, entry));
    }

    @Override
    public synchronized List<AuditRecord> read(AuditQuery q) {
        return records.stream()
                .filter(r -> q.projectId().isEmpty() || q.projectId().equals(r.entry().projectId()))
                .filter(r -> r.entry().time().toEpochMilli() >= q.startMillis() && r.entry().time().toEpochMilli() < q.endMillis())
                .filter(r -> q.after().map(a -> isAfter(r.cursor(), a)).orElse(true))
                .sorted(Comparator.comparingLong((AuditRecord r) -> r.cursor().timeMillis()).thenComparingLong(AuditRecord::sequence))
                .limit(q.limit())
                .toList();
    }

    synchronized List<AuditRecord> all() {
        return List.copyOf(records);
    }

    /** Makes every later append fail with {@code e}. */
    synchronized void failWith(RuntimeException e) {
        this.failure = e;
    }

    private static boolean isAfter(AuditCursor c, AuditCursor a) {
        return c.timeMillis() > a.timeMillis() || (c.timeMillis() == a.timeMillis() && c.sequence() > a.sequence());
    }
}
