package dev.tollgate.core;

import dev.tollgate.protocol.ApiError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * Dates and times that arrive in requests (a usage range, a statement's month, an event's start):
 * RFC 3339 only, between 1970 and the end of 9999, so that every later step (epoch milliseconds,
 * database columns, day and month arithmetic) can take them. Anything else is INVALID_ARGUMENT.
 */
public final class RequestTimes {
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final YearMonth FIRST_MONTH = YearMonth.of(1970, 1);
    private static final YearMonth LAST_MONTH = YearMonth.of(9999, 12);
    private static final Pattern RFC_3339 = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private RequestTimes() {}

    public static Instant instant(String name, String value) {
        return offsetDateTime(name, value).toInstant();
    }

    public static OffsetDateTime offsetDateTime(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " is required, as an RFC 3339 time like 2026-11-01T00:00:00Z.");
        }
        if (value.length() > 40 || !RFC_3339.matcher(value).matches()) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be an RFC 3339 time like 2026-11-01T00:00:00Z.");
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be an RFC 3339 time like 2026-11-01T00:00:00Z.");
        }
        Instant instant = time.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z.");
        }
        return time;
    }

    public static YearMonth month(String name, String value) {
        if (value == null || !MONTH.matcher(value).matches()) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be YYYY-MM.");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value);
        } catch (DateTimeException e) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be YYYY-MM.");
        }
        if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be between 1970-01 and 9999-12.");
        }
        return month;
    }
}
