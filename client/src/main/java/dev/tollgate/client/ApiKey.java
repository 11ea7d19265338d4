package dev.tollgate.client;

import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Simple access: an API key, sent as {@code X-Goog-Api-Key} rather than in the query string so that it
 * does not end up in logs of URLs.
 */
public final class ApiKey implements Credentials {
    /** The header Google's APIs and Tollgate's gateway read a key from. */
    public static final String HEADER = "X-Goog-Api-Key";

    private final String key;

    private ApiKey(String key) {
        this.key = key;
    }

    /** A key as the console or the admin API showed it once ({@code keyString}). */
    public static ApiKey of(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("The API key is empty.");
        }
        return new ApiKey(key.strip());
    }

    @Override
    public Applied applyTo(HttpRequest.Builder request) {
        request.setHeader(HEADER, key);
        return new Applied(HEADER, key);
    }

    @Override
    public boolean rejected(Applied applied) {
        return false;
    }

    @Override
    public String toString() {
        return "ApiKey[" + (key.length() > 8 ? key.substring(0, 8) + "…" : "…") + "]";
    }
}
