package dev.tollgate.client;

import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * What a {@link TollgateClient} puts on each request to say who calls: an {@link ApiKey} or an
 * OAuth access token from one of the {@link OAuth2Credentials}.
 */
public interface Credentials {

    /**
     * Adds this credential to a request, fetching a token first if there is none fresh enough.
     *
     * @return what was added, so that a rejection of exactly this value can be reported back
     */
    Applied applyTo(HttpRequest.Builder request) throws IOException;

    /**
     * Told that the server rejected what {@link #applyTo} added as an invalid token; returns
     * whether trying again can help (a new token will be fetched), which is never so for a key.
     */
    boolean rejected(Applied applied);

    /** The credential value a request carried: a key or an access token. */
    record Applied(String header, Object value) {
        @Override
        public String toString() {
            return "Applied[" + header + "]";
        }
    }
}
