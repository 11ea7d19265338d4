package dev.tollgate.server.console;

import dev.tollgate.core.metering.UsageCredential;

/**
 * A credential as a page shows it.
 *
 * @param page its page in the console; empty for one that no longer exists
 */
public record CredentialName(UsageCredential credential, String label, String page) {
    /** The value of the metrics page's {@code credential} parameter for it. */
    public String value() {
        return MetricsFilter.value(credential);
    }
}
