package dev.tollgate.core.session;

import dev.tollgate.core.user.User;
import java.time.Instant;

/**
 * Who is signed in on a request, and since when their password was last entered (for OAuth
 * {@code max_age} and {@code prompt=login}, and OIDC's {@code auth_time} claim).
 */
public record SignedIn(User user, Instant authTime, Session session) {}
