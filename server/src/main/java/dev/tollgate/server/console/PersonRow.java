package dev.tollgate.server.console;

import dev.tollgate.core.user.User;

/** A row of the platform administrators' list of people: the account, and whether its address is verified. */
public record PersonRow(User user, boolean verified) {}
