package dev.tollgate.server.console;

/** The new-OAuth-client form as sent, or as shown again after a refusal with what the person typed. */
public record ClientForm(String type, String displayName, String redirectUris, String javascriptOrigins, String error) {}
