package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.Optional;

/** Usage records for tests. */
final class Records {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private Records() {}

    static UsageRecord call(String project, String method, int status, Instant time) {
        return new UsageRecord(UsageRecord.newCallId(), time, project, method.substring(0, method.indexOf('.')), method,
                CredentialKind.KEY, "key-1", Optional.empty(), status, 100, 2000, 1500);
    }

    static UsageRecord call(int i) {
        return new UsageRecord(UsageRecord.newCallId(), T0.plusMillis(i), "my-project-" + (i % 3), "posts",
                i % 2 == 0 ? "posts.get" : "posts.list", i % 5 == 0 ? CredentialKind.CLIENT : CredentialKind.KEY, "cred-" + i,
                i % 5 == 0 ? Optional.of("person" + i + "@example.com") : Optional.empty(), i % 7 == 0 ? 429 : 200, i, 10L * i, 3L * i);
    }
}
