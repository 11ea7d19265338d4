package dev.tollgate.core.user;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Where a password attempt for {@code account} comes from: a client address, and the hash of the
 * device cookie when the browser is one the account has signed in from before.
 *
 * @param account the email as typed, whether or not such an account exists, so that throttling
 *                reveals nothing about existence
 */
public record SignInSource(String account, InetAddress address, Optional<String> knownDevice) {
    public static SignInSource from(String account, InetAddress address) {
        return new SignInSource(account, address, Optional.empty());
    }
}
