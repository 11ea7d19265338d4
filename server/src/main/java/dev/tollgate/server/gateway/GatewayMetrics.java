package dev.tollgate.server.gateway;

import dev.tollgate.core.catalog.MethodMatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Counts and times gateway calls per API, method and status for /metrics. */
public final class GatewayMetrics {
    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(MethodMatch match, int status, long nanos) {
        String api = match == null ? "unmatched" : match.api().name();
        String method = match == null ? "unmatched" : match.method().id();
        Timer.builder("tollgate.gateway.calls").tag("api", api).tag("method", method)
                .tag("status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
