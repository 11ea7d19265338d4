package dev.tollgate.core.audit;

import java.util.Optional;

/**
 * Which entries to read: those of one project (or all), answered in {@code [startMillis, endMillis)},
 * after {@code after} in the log's order, at most {@code limit}.
 */
public record AuditQuery(Optional<String> projectId, long startMillis, long endMillis, Optional<AuditCursor> after, int limit) {}
