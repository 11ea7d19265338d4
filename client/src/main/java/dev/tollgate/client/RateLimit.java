package dev.tollgate.client;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The caller's quota allowance the gateway reports on each answer ({@code X-RateLimit-Limit},
 * {@code -Remaining}, {@code -Reset}): calls allowed in the window, calls left, seconds until it resets.
 */
public record RateLimit(long limit, long remaining, long resetSeconds) {

    /** The allowance in these headers, if all three are there and are numbers. */
    public static Optional<RateLimit> from(HttpHeaders headers) {
        OptionalLong limit = number(headers, "X-RateLimit-Limit");
        OptionalLong remaining = number(headers, "X-RateLimit-Remaining");
        OptionalLong reset = number(headers, "X-RateLimit-Reset");
        if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimit(limit.getAsLong(), remaining.getAsLong(), reset.getAsLong()));
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
