package dev.tollgate.server.account;

/** The account page's model: {@code notice} confirms a change, {@code error} explains a refused one. */
public record AccountView(String email, String notice, String error) {}
