package dev.tollgate.server.console;

import dev.tollgate.core.key.KeyRestrictions;
import java.util.ArrayList;

/** A key's restrictions in a few words, for the list of keys. */
public final class KeySummary {
    private KeySummary() {}

    public static String of(KeyRestrictions r) {
        var parts = new ArrayList<String>();
        if (!r.allowedReferrers().isEmpty()) {
            parts.add("HTTP referrers");
        } else if (!r.allowedIps().isEmpty()) {
            parts.add("IP addresses");
        } else if (!r.androidApps().isEmpty()) {
            parts.add("Android apps");
        } else if (!r.iosBundleIds().isEmpty()) {
            parts.add("iOS apps");
        }
        if (!r.apiTargets().isEmpty()) {
            parts.add(r.apiTargets().size() == 1 ? "1 API" : r.apiTargets().size() + " APIs");
        }
        return parts.isEmpty() ? "None" : String.join(", ", parts);
    }
}
