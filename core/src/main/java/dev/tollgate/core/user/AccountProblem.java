package dev.tollgate.core.user;

/**
 * Everything that can go wrong when a person signs up, signs in or changes a password, with the
 * sentence the person reads. Pages show {@link #message()}; the admin API maps each to an ApiError.
 */
public enum AccountProblem {
    EMAIL_INVALID("Enter a valid email address, such as name@example.com."),
    /** Addresses in the service-account domain ({@code *.iam}) belong to service accounts only. */
    EMAIL_RESERVED("Addresses ending in .iam belong to service accounts. Enter your own email address."),
    PASSWORD_TOO_SHORT("Choose a password of at least " + PasswordPolicy.MIN_LENGTH + " characters."),
    PASSWORD_TOO_LONG("Choose a password of at most " + PasswordPolicy.MAX_LENGTH + " characters."),
    PASSWORD_INVALID_CHARACTERS("The password must not contain control characters."),
    EMAIL_TAKEN("An account with this email address already exists."),
    SIGN_UP_CLOSED("Sign-up is closed on this server. Ask its administrator for an account."),
    /** The same for an unknown email and a wrong password, so that the answer reveals neither. */
    SIGN_IN_FAILED("Wrong email address or password."),
    /** The same whether or not the account exists. */
    TOO_MANY_ATTEMPTS("Too many failed sign-in attempts. Wait a few minutes, then try again."),
    /** Said only to whoever gave the account's right password. */
    ACCOUNT_DISABLED("This account is disabled. Ask the server's administrator."),
    CURRENT_PASSWORD_WRONG("The current password is not correct."),
    EMAIL_UNCHANGED("This is already the address of your account."),
    /** The same for an unknown, used, expired or altered link. */
    LINK_INVALID("This link is not valid any more. Links work once and for a limited time: ask for a new one."),
    /** Password hashing is at capacity (a burst of sign-ups, say): nothing was done, the person may try again. */
    SERVER_BUSY("The server is busy. Try again in a moment.");

    private final String message;

    AccountProblem(String message) {
        this.message = message;
    }

    public String message() { return message; }

    public AccountException exception() { return new AccountException(this); }

    /** With how long the person should wait before trying again. */
    public AccountException exception(java.time.Duration retryAfter) { return new AccountException(this, retryAfter); }
}
