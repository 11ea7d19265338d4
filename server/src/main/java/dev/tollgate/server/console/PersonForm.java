package dev.tollgate.server.console;

/** The platform administrators' new-person form as sent, or shown again after a refusal with what was typed (never the password). */
public record PersonForm(String email, boolean verified, String error) {
    static final PersonForm EMPTY = new PersonForm("", true, null);
}
