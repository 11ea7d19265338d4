package dev.tollgate.core.quota;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.counter.QuotaCounters;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admits a call under its project's (and, for authorized calls, its user's) limits, exactly: a
 * call refused by one limit gives back what it took from the others, so in every window a project
 * gets its limit, no more and no less.
 */
public final class QuotaAdmission {
    private final QuotaCounters counters;
    private final ProjectQuotas quotas;
    private final Clock clock;
    private final ZoneId dayZone;

    public QuotaAdmission(QuotaCounters counters, ProjectQuotas quotas, Clock clock, ZoneId dayZone) {
        this.counters = counters;
        this.quotas = quotas;
        this.clock = clock;
        this.dayZone = dayZone;
    }

    /** The tightest allowance left after an admitted call, for the response's rate-limit headers. */
    public record Allowance(long limit, long remaining, long resetSeconds) {}

    /** What an admitted call took from which counters, so a later refusal can give it back. */
    public record Admission(Allowance allowance, List<String> taken, long cost) {}

    public Allowance admit(Caller caller, MethodMatch match) {
        return admit(caller, match, Optional.empty()).allowance();
    }

    /**
     * @param quotaUser for a key-only call, who it is for ({@code quotaUser=}): the per-user limits
     *                  then apply to that name within the project, as Google does; ignored for
     *                  authorized calls, whose user is the token's principal
     */
    public Admission admit(Caller caller, MethodMatch match, Optional<String> quotaUser) {
        ApiDefinition api = match.api();
        long cost = match.method().cost();
        Instant now = clock.instant();
        List<String> taken = new ArrayList<>(3);
        Allowance tightest = null;
        for (QuotaMetric metric : QuotaMetric.values()) {
            if (metric.perUser() && caller.token().isEmpty() && quotaUser.isEmpty()) {
                continue;
            }
            long limit = quotas.limit(caller.projectId(), api, metric);
            Instant windowStart = metric.window().start(now, dayZone);
            Instant windowEnd = metric.window().end(now, dayZone);
            String key = key(caller, api, metric, windowStart, quotaUser);
            long left = counters.tryAcquire(key, cost, limit, windowEnd);
            long reset = Math.max(1, (Duration.between(now, windowEnd).toMillis() + 999) / 1000);
            if (left == QuotaCounters.REFUSED) {
                for (String k : taken) {
                    counters.release(k, cost);
                }
                throw refusal(caller, api, metric, limit, reset);
            }
            taken.add(key);
            if (tightest == null || left < tightest.remaining()) {
                tightest = new Allowance(limit, left, reset);
            }
        }
        return new Admission(tightest, List.copyOf(taken), cost);
    }

    /** Gives back what {@code admission} took: the call was refused by a later step and never served. */
    public void release(Admission admission) {
        for (String k : admission.taken()) {
            counters.release(k, admission.cost());
        }
    }

    private static String key(Caller caller, ApiDefinition api, QuotaMetric metric, Instant windowStart, Optional<String> quotaUser) {
        // Per user means per principal: kind and id, so a person and a service account never share a counter;
        // a key-only call's quotaUser is a name of its own kind, so it can never spend a principal's allowance.
        String subject = !metric.perUser() ? ""
                : caller.token().isPresent()
                ? ":" + caller.principalKind().orElseThrow().wireName() + "/" + caller.token().orElseThrow().subjectId()
                : ":quotaUser/" + quotaUser.orElseThrow();
        return "q:" + caller.projectId() + ":" + api.name() + ":" + metric.limitName() + subject + ":" + windowStart.getEpochSecond();
    }

    private static ApiException refusal(Caller caller, ApiDefinition api, QuotaMetric metric, long limit, long resetSeconds) {
        String consumer = "projects/" + caller.projectNumber();
        return new ApiException(ApiError.RATE_LIMIT_EXCEEDED,
                "Quota exceeded for quota metric '" + api.name() + "/requests' and limit '" + metric.limitName()
                        + "' of service '" + api.name() + "' for consumer '" + consumer + "'.",
                Map.of("consumer", consumer, "service", api.name(), "quota_metric", api.name() + "/requests",
                        "quota_limit", metric.limitName(), "quota_limit_value", Long.toString(limit)))
                .withRetryAfter(resetSeconds);
    }
}
