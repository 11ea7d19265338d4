package dev.tollgate.core.throttle;

import java.time.Duration;

/**
 * The actions that people (or anyone) can repeat without a password, each with its limits: per
 * client address, per subject (the account or email the action is about; 0 when it has none) and
 * over all addresses together, within one clock-aligned window. The global limit is what holds when
 * an attacker has many addresses; it is set well above what the whole platform needs normally.
 */
public enum ThrottledAction {
    /** Creating an account at {@code /signup}; only well-formed attempts, the ones that hash a password, count. */
    SIGN_UP(30, 0, 1_000, Duration.ofHours(1),
            "Too many accounts were created from your network recently. Wait an hour, then try again."),
    /** Asking for a password reset mail; the subject is the email address asked for. */
    PASSWORD_RESET(10, 3, 500, Duration.ofHours(1),
            "Too many password reset requests. Wait a while, then try again."),
    /** Sending (or re-sending) a verification mail; the subject is the address it goes to. */
    VERIFICATION_MAIL(10, 3, 500, Duration.ofHours(1),
            "Too many verification mails were asked for. Wait a while, then try again."),
    /** Any post to the device pages (entering a code, or deciding); the subject is the signed-in person. */
    DEVICE_CODE(60, 30, 3_000, Duration.ofMinutes(15),
            "Too many device codes were entered. Wait a few minutes, then try again."),
    /** A device code that was not valid; the subject is the signed-in person. Right codes are given back. */
    DEVICE_CODE_GUESS(30, 10, 1_000, Duration.ofMinutes(15),
            "Too many wrong codes. Wait a few minutes, then try again.");

    private final int perAddress;
    private final int perSubject;
    private final int global;
    private final Duration window;
    private final String message;

    ThrottledAction(int perAddress, int perSubject, int global, Duration window, String message) {
        this.perAddress = perAddress;
        this.perSubject = perSubject;
        this.global = global;
        this.window = window;
        this.message = message;
    }

    public int perAddress() { return perAddress; }

    /** 0 when the action has no subject to count by. */
    public int perSubject() { return perSubject; }

    public int global() { return global; }

    public Duration window() { return window; }

    /** What the person reads when refused. */
    public String message() { return message; }
}
