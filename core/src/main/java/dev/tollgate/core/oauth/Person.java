package dev.tollgate.core.oauth;

import java.time.Instant;

/** A signed-in person as the authorization server needs them: who, and when they last entered their password. */
public record Person(String userId, String email, Instant authTime) {}
