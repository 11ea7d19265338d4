package dev.tollgate.core.samples;

import dev.tollgate.core.principal.PrincipalName;
import java.time.OffsetDateTime;

/** An event of its owner's primary calendar: the owner is a principal, kind and address. */
public record Event(String id, PrincipalName owner, String summary, OffsetDateTime start, OffsetDateTime end) {}
