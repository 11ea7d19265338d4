package dev.tollgate.client;

import java.io.IOException;
import java.util.Optional;

/**
 * An authorization answer whose {@code iss} is not the server the sign-in was started with, or that lacks
 * one from a server that promises it (RFC 9207): it may come from another server (a mix-up attack), so its
 * code is not used.
 */
public final class IssuerMismatchException extends IOException {
    private final String expected;
    private final Optional<String> received;

    public IssuerMismatchException(String expected, Optional<String> received) {
        super(received.map(r -> "The sign-in answer names the issuer " + r + ", not " + expected)
                .orElse("The sign-in answer names no issuer, though " + expected + " always sends one")
                + " (RFC 9207); it may come from another server and was not used.");
        this.expected = expected;
        this.received = received;
    }

    /** The issuer the sign-in was started with. */
    public String expected() { return expected; }

    /** The {@code iss} the answer carried, if any. */
    public Optional<String> received() { return received; }
}
