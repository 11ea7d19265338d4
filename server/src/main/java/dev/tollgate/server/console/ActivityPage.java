package dev.tollgate.server.console;

import dev.tollgate.core.audit.AuditPage;
import dev.tollgate.core.audit.AuditRange;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/projects/P/activity}: the project's recent changes from its audit log, as the
 * admin API's {@code GET …/auditLogs} gives them to its owners: the last {@code days} (1, 7 or 30),
 * oldest first, {@value Paging#SIZE} a page. The next page's link carries the range's start, so
 * that the log's page token stays valid for it.
 */
final class ActivityPage {
    private final Console console;
    private final AuditTrail trail;
    private final Clock clock;

    ActivityPage(Console console, AuditTrail trail, Clock clock) {
        this.console = console;
        this.trail = trail;
        this.clock = clock;
    }

    void register(Javalin app) {
        console.pages().get(app, "/console/projects/{p}/activity", this::show);
    }

    /** The range shown: since when, and over how many days the person chose. */
    record Since(Instant start, int days) {
        static Since of(Context ctx, Clock clock) {
            int days = switch (Optional.ofNullable(ctx.queryParam("days")).orElse("7")) {
                case "1" -> 1;
                case "30" -> 30;
                default -> 7;
            };
            String since = ctx.queryParam("since");
            if (since == null || since.isEmpty()) {
                return new Since(clock.instant().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS), days);
            }
            try {
                return new Since(Instant.parse(since), days);
            } catch (DateTimeParseException e) {
                throw PageError.badRequest("since must be a time like 2026-11-01T00:00:00Z.");
            }
        }
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "activity");
        Since since = Since.of(ctx, clock);
        Optional<String> token = Optional.ofNullable(ctx.queryParam("pageToken")).filter(t -> !t.isEmpty());
        AuditPage page;
        try {
            page = trail.projectLog(Console.principal(who), nav.project().projectId(),
                    new AuditRange(Optional.of(since.start()), Optional.empty(), Paging.SIZE, token));
        } catch (dev.tollgate.protocol.ApiException e) {
            if (e.error() != ApiError.PERMISSION_DENIED) {
                throw Console.pageError(e);
            }
            console.render(ctx, 200, "console/activity.jte", "Activity", Map.of("email", who.user().email(), "nav", nav,
                    "allowed", false, "entries", java.util.List.of(), "next", "", "first", token.isEmpty()));
            return;
        }
        String next = page.nextPageToken().map(t -> nav.base() + "/activity?days=" + since.days() + "&since=" + since.start()
                + "&pageToken=" + java.net.URLEncoder.encode(t, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
        console.render(ctx, 200, "console/activity.jte", "Activity", Map.of("email", who.user().email(), "nav", nav,
                "allowed", true, "entries", page.entries().stream().map(r -> r.entry()).toList(), "next", next,
                "first", token.isEmpty()));
    }
}
