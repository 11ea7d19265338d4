package dev.tollgate.core.audit;

import java.util.List;

/**
 * The stored audit log. Append-only by design: there is no way to change or remove an entry
 * through this interface, and nothing else writes the table.
 */
public interface AuditLog {
    void append(AuditEntry entry);

    /** The entries the query selects, in (time, sequence) order. */
    List<AuditRecord> read(AuditQuery query);
}
