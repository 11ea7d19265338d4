package dev.tollgate.core.access;

import java.util.Set;

/** What the gateway needs to know of a project, cached. */
public record ProjectState(String projectId, String projectNumber, Set<String> enabledServices) {}
