package dev.tollgate.core;

import java.net.URI;

/** The public base URL of this Tollgate and the endpoint URLs derived from it. */
public record Issuer(String url) {

    public Issuer {
        URI parsed = URI.create(url);
        if (parsed.getScheme() == null || parsed.getHost() == null || parsed.getQuery() != null || parsed.getFragment() != null) {
            throw new IllegalArgumentException("The issuer must be an absolute http(s) URL without query or fragment: " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String tokenUri() { return url + "/token"; }

    public String authUri() { return url + "/o/oauth2/v2/auth"; }

    public String certsUri() { return url + "/oauth2/v3/certs"; }

    /** Google's {@code {kid: PEM certificate}} map of the same keys as {@link #certsUri()}. */
    public String x509CertsUri() { return url + "/oauth2/v1/certs"; }

    /** Google's {@code {key id: PEM certificate}} map of a service account's enabled keys. */
    public String serviceAccountX509Uri(String email) {
        return url + "/service_accounts/v1/metadata/x509/" + email;
    }
}
