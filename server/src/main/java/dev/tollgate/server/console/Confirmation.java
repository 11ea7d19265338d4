package dev.tollgate.server.console;

/**
 * A page that asks before a destructive action, and works without JavaScript: its form posts to
 * {@code action}, its other way out goes back to {@code cancel}.
 */
public record Confirmation(String title, String consequence, String action, String button, String cancel) {}
