package dev.tollgate.core.samples;

import dev.tollgate.core.principal.PrincipalName;
import java.time.Instant;

/** A post: its author is a principal, kind and address, so a person and a service account never share posts. */
public record Post(String id, PrincipalName author, String content, Visibility visibility, Instant createTime) {
    public enum Visibility { PUBLIC, PRIVATE }
}
