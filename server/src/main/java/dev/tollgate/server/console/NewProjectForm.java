package dev.tollgate.server.console;

/** What the new-project form shows, again after a refusal with what the person typed. */
public record NewProjectForm(String projectId, String displayName, String error) {}
