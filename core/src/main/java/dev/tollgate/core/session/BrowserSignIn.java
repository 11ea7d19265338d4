package dev.tollgate.core.session;

/**
 * A sign-in from a browser: the new session, and the device cookie the browser keeps from now on
 * (see {@link dev.tollgate.core.user.KnownDevices}); neither value is stored, only their hashes.
 */
public record BrowserSignIn(NewSession session, String deviceCookie) {
    @Override
    public String toString() {
        return "BrowserSignIn[" + session + "]";
    }
}
