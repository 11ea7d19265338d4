package dev.tollgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTimesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "99999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
            "2026-12-01T24:00:00Z", "2026-12-01T23:59:60Z", "2026-12-01", "2026-12-01T00:00:00", "2026-12-01T00:00:00+25:00",
            "-1", "1733011200", "99999999999999999999", "2026-12-01t00:00:00z", "2026-12-01T00:00:00.1234567890Z",
            "9999-12-31T23:59:59-01:00", "1970-01-01T00:00:00+00:01", "２０２６-12-01T00:00:00Z", "2026-12-01T00:00:00Z\n"})
    void outOfRangeOrMalformedTimesAreInvalidArguments(String value) {
        assertThatThrownBy(() -> RequestTimes.instant("start", value))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @Test
    void rfc3339TimesWithinRangeAreRead() {
        assertThat(RequestTimes.instant("start", "1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(RequestTimes.instant("start", "2026-12-01T01:00:00+01:00")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(RequestTimes.instant("start", "2026-12-01T00:00Z")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(RequestTimes.instant("end", "9999-12-31T23:59:59.999Z")).isBefore(RequestTimes.LATEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0000-01", "1969-12", "99999-01", "2026-13", "2026-00", "2026-1", "+2026-01", "2026-01-01", "-001-01", "2026_01"})
    void outOfRangeOrMalformedMonthsAreInvalidArguments(String value) {
        assertThatThrownBy(() -> RequestTimes.month("month", value))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @Test
    void monthsWithinRangeAreRead() {
        assertThat(RequestTimes.month("month", "1970-01")).isEqualTo(YearMonth.of(1970, 1));
        assertThat(RequestTimes.month("month", "9999-12")).isEqualTo(YearMonth.of(9999, 12));
    }
}
