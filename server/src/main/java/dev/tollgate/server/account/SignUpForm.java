package dev.tollgate.server.account;

/** The sign-up page's model; {@code open} is false when only the administrator creates accounts. */
public record SignUpForm(boolean open, String email, String continueUrl, String error, String signInUrl) {}
