package dev.tollgate.core.project;

import java.time.Instant;

public record Project(String projectId, String projectNumber, String displayName, Instant createTime) {}
