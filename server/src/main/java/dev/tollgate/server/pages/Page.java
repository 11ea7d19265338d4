package dev.tollgate.server.pages;

/**
 * What the shared layout needs to know about every page: its title (the document title and the
 * one {@code h1}) and the CSRF token its forms carry (null on a page without forms).
 * Build it with {@link Pages#page}.
 */
public record Page(String title, String csrfToken) {}
