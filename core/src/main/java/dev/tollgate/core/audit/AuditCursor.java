package dev.tollgate.core.audit;

/** A place in the log's order: entries are read by time in milliseconds, then by sequence. */
public record AuditCursor(long timeMillis, long sequence) {}
