package dev.tollgate.server.console;

import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.projectadmin.ProjectService.ServiceState;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.http.Json;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /console/projects/{p}/apis/{api}/metrics?range=…&credential=…&method=…}: one API's calls
 * from the usage ledger (what {@code GET …/usage?groupBy=service,method,status,credential}
 * answers), by method with latency percentiles, by status and by the credential that made them,
 * narrowed to one credential or method; tables, which Chart.js draws as charts.
 */
final class MetricsPage {
    private static final Set<GroupBy> ALL = EnumSet.of(GroupBy.SERVICE, GroupBy.METHOD, GroupBy.STATUS, GroupBy.CREDENTIAL);
    private static final Set<GroupBy> PER_BUCKET = EnumSet.of(GroupBy.SERVICE, GroupBy.METHOD, GroupBy.CREDENTIAL);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Console console;
    private final UsageLedger ledger;
    private final CredentialNames names;

    MetricsPage(Console console, UsageLedger ledger, CredentialNames names) {
        this.console = console;
        this.ledger = ledger;
        this.names = names;
    }

    void register(Javalin app) {
        console.pages().get(app, "/console/projects/{p}/apis/{api}/metrics", this::show);
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "dashboard");
        String projectId = nav.project().projectId();
        console.requireRecords(who, projectId);
        String name = ctx.pathParam("api");
        ApiDefinition api = Console.call(() -> console.projects().services(Console.principal(who), projectId)).stream()
                .map(ServiceState::api).filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new PageError(404, "Not found", "The API " + name + " is not in the catalog."));
        var filter = MetricsFilter.parse(ctx.queryParam("range"), ctx.queryParam("credential"), ctx.queryParam("method"));
        Map<String, CredentialName> known = names.of(Console.principal(who), projectId, nav.base());
        Metrics metrics = metrics(projectId, api, filter, known, Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES),
                ctx.queryParam("credentials"), ctx.path() + "?" + filter.query(filter.range()));
        console.render(ctx, 200, "console/metrics.jte", "Metrics of " + api.title(), Map.of("email", who.user().email(), "nav", nav,
                "metrics", metrics));
    }

    /**
     * @param pagePath the page's address with its filter, to which the credential table's pager adds its page number
     */
    Metrics metrics(String projectId, ApiDefinition api, MetricsFilter filter, Map<String, CredentialName> known, Instant end,
                    String credentialPage, String pagePath) {
        Instant start = end.minus(filter.range().length());
        List<UsageRow> rows = ledger.usage(projectId, start, end, ALL).stream()
                .filter(r -> r.service().map(api.name()::equals).orElse(false)).toList();
        var credentials = new LinkedHashMap<String, CredentialName>(known);
        for (UsageRow r : rows) {
            UsageCredential c = r.credential().orElse(UsageCredential.UNRECORDED);
            credentials.computeIfAbsent(MetricsFilter.value(c), v -> CredentialNames.unknown(c));
        }
        List<UsageRow> chosen = rows.stream().filter(filter::admits).toList();

        var methodTotals = new TreeMap<String, long[]>();
        var methodLatency = new TreeMap<String, LatencyHistogram>();
        var statusTotals = new TreeMap<Integer, Long>();
        var credentialTotals = new LinkedHashMap<String, long[]>();
        long total = 0;
        for (UsageRow r : chosen) {
            boolean error = r.status().orElse(200) >= 400;
            String method = r.method().orElse("");
            add(methodTotals.computeIfAbsent(method, m -> new long[2]), r.calls(), error);
            methodLatency.merge(method, r.latency(), LatencyHistogram::plus);
            statusTotals.merge(r.status().orElse(0), r.calls(), Long::sum);
            add(credentialTotals.computeIfAbsent(MetricsFilter.value(r.credential().orElse(UsageCredential.UNRECORDED)), c -> new long[2]),
                    r.calls(), error);
            total += r.calls();
        }

        List<String> labels = new ArrayList<>();
        var perBucket = new TreeMap<String, List<Long>>();
        methodTotals.keySet().forEach(m -> perBucket.put(m, new ArrayList<>()));
        DashboardRange range = filter.range();
        for (int i = 0; i < range.buckets(); i++) {
            Instant from = start.plus(range.step().multipliedBy(i));
            Instant to = from.plus(range.step());
            labels.add((range.length().toHours() > 24 ? DAY : HOUR).format(to));
            var calls = new TreeMap<String, Long>();
            if (total > 0) {
                for (UsageRow r : ledger.usage(projectId, from, to, PER_BUCKET)) {
                    if (r.service().map(api.name()::equals).orElse(false) && filter.admits(r)) {
                        calls.merge(r.method().orElse(""), r.calls(), Long::sum);
                    }
                }
            }
            perBucket.forEach((m, list) -> list.add(calls.getOrDefault(m, 0L)));
        }

        final long all = total;
        List<Metrics.MethodLine> byMethod = methodTotals.entrySet().stream().map(e -> {
            LatencyHistogram h = methodLatency.get(e.getKey());
            return new Metrics.MethodLine(e.getKey(), e.getValue()[0], e.getValue()[1], millis(h.percentileMicros(0.5)),
                    millis(h.percentileMicros(0.95)), millis(h.percentileMicros(0.99)), perBucket.get(e.getKey()));
        }).toList();
        List<Metrics.StatusLine> byStatus = statusTotals.entrySet().stream()
                .map(e -> new Metrics.StatusLine(e.getKey(), e.getValue(), Metrics.share(e.getValue(), all))).toList();
        List<Metrics.CredentialLine> byCredential = credentialTotals.entrySet().stream()
                .map(e -> new Metrics.CredentialLine(credentials.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(Metrics.CredentialLine::calls).reversed()).toList();
        return new Metrics(api, filter, List.copyOf(credentials.values()), total, byMethod, byStatus,
                Paging.of(byCredential, credentialPage, pagePath, "credentials"), labels, trafficChart(labels, byMethod), latencyChart(byMethod));
    }

    private static void add(long[] totals, long calls, boolean error) {
        totals[0] += calls;
        if (error) {
            totals[1] += calls;
        }
    }

    private static String millis(OptionalDouble micros) {
        return micros.isPresent() ? String.format(Locale.ROOT, "%.1f ms", micros.getAsDouble() / 1000) : "–";
    }

    private static String trafficChart(List<String> labels, List<Metrics.MethodLine> methods) {
        var datasets = new ArrayList<Map<String, Object>>();
        for (Metrics.MethodLine m : methods) {
            var set = new LinkedHashMap<String, Object>();
            set.put("label", m.method());
            set.put("data", m.perBucket());
            datasets.add(set);
        }
        return Json.write(Map.of("labels", labels, "datasets", datasets));
    }

    private static String latencyChart(List<Metrics.MethodLine> methods) {
        var datasets = new ArrayList<Map<String, Object>>();
        for (String p : List.of("p50", "p95", "p99")) {
            var set = new LinkedHashMap<String, Object>();
            set.put("label", p + " (ms)");
            set.put("data", methods.stream().map(m -> number(switch (p) {
                case "p50" -> m.p50();
                case "p95" -> m.p95();
                default -> m.p99();
            })).toList());
            datasets.add(set);
        }
        return Json.write(Map.of("labels", methods.stream().map(Metrics.MethodLine::method).toList(), "datasets", datasets));
    }

    /** "12.5 ms" as 12.5 for the chart; no latency as 0. */
    private static double number(String millis) {
        return millis.endsWith(" ms") ? Double.parseDouble(millis.substring(0, millis.length() - 3)) : 0;
    }
}
