package dev.tollgate.server.console;

/**
 * A form that names something new by an id and a display name (a project, a service account):
 * what it shows, again after a refusal with what the person typed.
 */
public record IdForm(String id, String displayName, String error) {}
