package dev.tollgate.core.audit;

import java.util.List;
import java.util.Optional;

/** One page of the log, and the token for the next one when there is more. */
public record AuditPage(List<AuditRecord> entries, Optional<String> nextPageToken) {}
