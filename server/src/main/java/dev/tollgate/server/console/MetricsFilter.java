package dev.tollgate.server.console;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the metrics page is asked for: {@code ?range=1h|6h|1d|7d|30d&credential=KIND:ID&method=ID}.
 * An unknown range is the last day, as on the dashboard; an empty or malformed credential or
 * method is every one.
 *
 * @param credential {@code key:ID}, {@code client:ID} or {@code serviceAccount:EMAIL}
 */
public record MetricsFilter(DashboardRange range, Optional<UsageCredential> credential, Optional<String> method) {
    static MetricsFilter parse(String range, String credential, String method) {
        return new MetricsFilter(DashboardRange.parse(range), credential(credential),
                Optional.ofNullable(method).map(String::strip).filter(m -> !m.isEmpty() && m.length() <= 256));
    }

    private static Optional<UsageCredential> credential(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String id = text.substring(colon + 1);
        return switch (text.substring(0, colon)) {
            case "key" -> Optional.of(UsageCredential.of(CredentialKind.KEY, id));
            case "client" -> Optional.of(UsageCredential.of(CredentialKind.CLIENT, id));
            case "serviceAccount" -> Optional.of(UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, id));
            default -> Optional.empty();
        };
    }

    /** A credential as the {@code credential} parameter names it. */
    static String value(UsageCredential credential) {
        return credential.wireKind() + ":" + credential.id();
    }

    public String credentialValue() {
        return credential.map(MetricsFilter::value).orElse("");
    }

    public String methodValue() {
        return method.orElse("");
    }

    /** Whether a row of the ledger (grouped by method and credential) is one of the calls asked for. */
    boolean admits(UsageRow row) {
        return credential.map(c -> row.credential().map(c::equals).orElse(false)).orElse(true)
                && method.map(m -> row.method().map(m::equals).orElse(false)).orElse(true);
    }

    /** The query string of this filter with another range: for the range links. */
    public String query(DashboardRange other) {
        var q = new StringBuilder("range=").append(other.wireName());
        credential.ifPresent(c -> q.append("&credential=").append(URLEncoder.encode(value(c), StandardCharsets.UTF_8)));
        method.ifPresent(m -> q.append("&method=").append(URLEncoder.encode(m, StandardCharsets.UTF_8)));
        return q.toString();
    }
}
