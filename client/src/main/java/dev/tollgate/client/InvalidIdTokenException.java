package dev.tollgate.client;

import java.io.IOException;

/** An ID token that must not be trusted: malformed, badly signed, from another issuer or audience, or expired. */
public final class InvalidIdTokenException extends IOException {
    public InvalidIdTokenException(String message) {
        super(message);
    }
}
