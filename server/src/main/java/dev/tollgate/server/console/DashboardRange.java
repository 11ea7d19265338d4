package dev.tollgate.server.console;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The dashboard's time ranges, each cut into the buckets its traffic chart shows. */
public enum DashboardRange {
    HOUR("1h", "1 hour", Duration.ofHours(1), 12),
    SIX_HOURS("6h", "6 hours", Duration.ofHours(6), 12),
    DAY("1d", "1 day", Duration.ofDays(1), 24),
    WEEK("7d", "7 days", Duration.ofDays(7), 28),
    MONTH("30d", "30 days", Duration.ofDays(30), 30);

    private final String wireName;
    private final String label;
    private final Duration length;
    private final int buckets;

    DashboardRange(String wireName, String label, Duration length, int buckets) {
        this.wireName = wireName;
        this.label = label;
        this.length = length;
        this.buckets = buckets;
    }

    /** {@code ?range=}; absent or unknown is the last day. */
    static DashboardRange parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(text)).findFirst().orElse(DAY);
    }

    public static List<DashboardRange> all() {
        return List.of(values());
    }

    public String wireName() { return wireName; }

    public String label() { return label; }

    Duration length() { return length; }

    int buckets() { return buckets; }

    Duration step() { return length.dividedBy(buckets); }
}
