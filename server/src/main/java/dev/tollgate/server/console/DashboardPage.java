package dev.tollgate.server.console;

import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.projectadmin.ProjectService.ServiceState;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code /console/projects/{p}/dashboard?range=1h|6h|1d|7d|30d}: the project's APIs with their
 * traffic, errors and latency over the range, from the usage ledger (what
 * {@code GET /admin/v1/projects/P/usage} answers), readable as tables without JavaScript.
 */
final class DashboardPage {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Console console;
    private final UsageLedger ledger;

    DashboardPage(Console console, UsageLedger ledger) {
        this.console = console;
        this.ledger = ledger;
    }

    void register(Javalin app) {
        console.pages().get(app, "/console/projects/{p}/dashboard", this::show);
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "dashboard");
        String projectId = nav.project().projectId();
        console.requireRecords(who, projectId);
        List<ServiceState> services = Console.call(() -> console.projects().services(Console.principal(who), projectId));
        DashboardRange range = DashboardRange.parse(ctx.queryParam("range"));
        Dashboard dashboard = dashboard(projectId, services, range, Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
        console.render(ctx, 200, "console/dashboard.jte", "Dashboard", Map.of("email", who.user().email(), "nav", nav,
                "dashboard", dashboard));
    }

    Dashboard dashboard(String projectId, List<ServiceState> services, DashboardRange range, Instant end) {
        Instant start = end.minus(range.length());
        Map<String, long[]> byClass = new HashMap<>();
        for (UsageRow row : ledger.usage(projectId, start, end, EnumSet.of(GroupBy.SERVICE, GroupBy.STATUS))) {
            long[] counts = byClass.computeIfAbsent(row.service().orElse(""), k -> new long[3]);
            int status = row.status().orElse(200);
            counts[status >= 500 ? 2 : status >= 400 ? 1 : 0] += row.calls();
        }
        Map<String, UsageRow> totals = new HashMap<>();
        for (UsageRow row : ledger.usage(projectId, start, end, EnumSet.of(GroupBy.SERVICE))) {
            totals.put(row.service().orElse(""), row);
        }
        List<String> labels = new ArrayList<>();
        Map<String, List<Long>> perBucket = new HashMap<>();
        for (int i = 0; i < range.buckets(); i++) {
            Instant from = start.plus(range.step().multipliedBy(i));
            Instant to = from.plus(range.step());
            labels.add((range.length().toHours() > 24 ? DAY : HOUR).format(to));
            Map<String, Long> calls = new HashMap<>();
            for (UsageRow row : ledger.usage(projectId, from, to, EnumSet.of(GroupBy.SERVICE))) {
                calls.put(row.service().orElse(""), row.calls());
            }
            for (ServiceState s : services) {
                perBucket.computeIfAbsent(s.api().name(), k -> new ArrayList<>()).add(calls.getOrDefault(s.api().name(), 0L));
            }
        }
        List<Dashboard.ApiTraffic> apis = new ArrayList<>();
        for (ServiceState s : services) {
            String name = s.api().name();
            long[] counts = byClass.getOrDefault(name, new long[3]);
            UsageRow total = totals.get(name);
            if (!s.enabled() && total == null) {
                continue; // a disabled API without calls in the range has nothing to show
            }
            apis.add(new Dashboard.ApiTraffic(name, s.api().title(), s.enabled(), counts[0] + counts[1] + counts[2], counts[1], counts[2],
                    millis(total == null ? OptionalDouble.empty() : total.latency().percentileMicros(0.5)),
                    millis(total == null ? OptionalDouble.empty() : total.latency().percentileMicros(0.95)), perBucket.get(name)));
        }
        return new Dashboard(range, apis, labels, chartJson(labels, apis));
    }

    private static String millis(OptionalDouble micros) {
        return micros.isPresent() ? String.format(java.util.Locale.ROOT, "%.1f ms", micros.getAsDouble() / 1000) : "–";
    }

    private static String chartJson(List<String> labels, List<Dashboard.ApiTraffic> apis) {
        var datasets = new ArrayList<Map<String, Object>>();
        for (Dashboard.ApiTraffic api : apis) {
            var set = new LinkedHashMap<String, Object>();
            set.put("label", api.title());
            set.put("data", api.perBucket());
            datasets.add(set);
        }
        return Json.write(Map.of("labels", labels, "datasets", datasets));
    }
}
