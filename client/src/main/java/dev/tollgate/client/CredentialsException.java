package dev.tollgate.client;

import java.io.IOException;

/** A credential file or setting that cannot be used: missing, unreadable, of an unknown type, or malformed. */
public class CredentialsException extends IOException {
    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
