package dev.tollgate.core.audit;

/** An entry as stored: its place in the log's order (time, then sequence) goes with it. */
public record AuditRecord(long sequence, AuditEntry entry) {
    public AuditCursor cursor() {
        return new AuditCursor(entry.time().toEpochMilli(), sequence);
    }
}
