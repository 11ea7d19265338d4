package dev.tollgate.core.samples;

import java.time.Instant;

public record Post(String id, String author, String content, Visibility visibility, Instant createTime) {
    public enum Visibility { PUBLIC, PRIVATE }
}
