package dev.tollgate.core.audit;

import dev.tollgate.protocol.ApiError;
import java.time.Instant;
import java.util.Optional;

/**
 * What a reader asks for: entries answered in {@code [start, end)} (either open), a page of
 * {@code pageSize} (0 for the default of 100; more than 1000 is read as 1000), after the place a
 * {@code pageToken} from the previous page names.
 */
public record AuditRange(Optional<Instant> start, Optional<Instant> end, int pageSize, Optional<String> pageToken) {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    /** The years an RFC 3339 time can name; outside them a time is refused rather than overflowing. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public AuditRange {
        if (pageSize < 0) {
            throw ApiError.INVALID_ARGUMENT.exception("pageSize must not be negative.");
        }
        start.ifPresent(t -> requireInRange("start", t));
        end.ifPresent(t -> requireInRange("end", t));
        pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            throw ApiError.INVALID_ARGUMENT.exception("end must not be before start.");
        }
    }

    private static void requireInRange(String name, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be between the years 0000 and 9999.");
        }
    }

    public static AuditRange all() {
        return new AuditRange(Optional.empty(), Optional.empty(), 0, Optional.empty());
    }
}
