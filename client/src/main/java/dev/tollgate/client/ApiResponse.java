package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A successful (2xx) answer of an API behind Tollgate, with the quota allowance that came with it. */
public record ApiResponse(int status, HttpHeaders headers, String body, Optional<RateLimit> rateLimit) {

    /** The body as a JSON tree. */
    public JsonNode json() throws IOException {
        return Json.tree(body);
    }

    /** The body read into the given type (a record or a class Jackson can build). */
    public <T> T as(Class<T> type) throws IOException {
        return Json.read(body, type);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + ", " + body.length() + " chars" + rateLimit.map(r -> ", " + r).orElse("") + "]";
    }
}
