package dev.tollgate.core.samples;

import dev.tollgate.core.RequestTimes;
import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ApiError;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code calendar v3} sample: each caller's primary calendar. */
public final class CalendarApi {
    private static final int MAX_SUMMARY = 1000;

    private final SampleRepository repository;

    public CalendarApi(SampleRepository repository) {
        this.repository = repository;
    }

    public List<Event> list(PrincipalName caller) {
        return repository.eventsOf(caller);
    }

    public Event insert(PrincipalName caller, String summary, String start, String end) {
        if (summary == null || summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw ApiError.INVALID_ARGUMENT.exception("summary must be 1 to " + MAX_SUMMARY + " characters.");
        }
        OffsetDateTime from = time("start", start);
        OffsetDateTime to = time("end", end);
        if (to.isBefore(from)) {
            throw ApiError.INVALID_ARGUMENT.exception("end must not be before start.");
        }
        var event = new Event(Secrets.randomBase62(16), caller, summary, from, to);
        repository.insertEvent(event);
        return event;
    }

    public void delete(PrincipalName caller, String eventId) {
        if (!repository.deleteEvent(caller, eventId)) {
            throw ApiError.NOT_FOUND.exception("Event " + eventId + " not found.");
        }
    }

    private static OffsetDateTime time(String field, String value) {
        return RequestTimes.offsetDateTime(field, value);
    }
}
