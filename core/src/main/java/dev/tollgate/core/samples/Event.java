package dev.tollgate.core.samples;

import java.time.OffsetDateTime;

public record Event(String id, String owner, String summary, OffsetDateTime start, OffsetDateTime end) {}
