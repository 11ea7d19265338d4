package dev.tollgate.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.counter.LocalQuotaCounters;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A call refused after admission gives back what it took; quotaUser gives key-only calls a per-user limit. */
class QuotaAdmissionGiveBackTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final Map<String, Long> overrides = new HashMap<>();
    private final QuotaOverrides repository = new QuotaOverrides() {
        public Map<String, Long> of(String projectId) { return overrides; }
        public void put(String projectId, String service, String name, long limit) { overrides.put(service + "/" + name, limit); }
        public void remove(String projectId, String service, String name) { }
    };
    private final InvalidationBus bus = new InvalidationBus() {
        public void publish(Invalidation invalidation) { }
        public void subscribe(Consumer<Invalidation> listener) { }
    };
    private final QuotaAdmission quota = new QuotaAdmission(new LocalQuotaCounters(clock), new ProjectQuotas(repository, bus), clock, ZoneOffset.UTC);
    private final ApiCatalog catalog = CatalogLoader.builtIn();
    private final MethodMatch match = catalog.match("posts", "v1", "GET", "/posts/1").orElseThrow();
    private final Caller keyCaller = new Caller("p1", "1001", new dev.tollgate.core.access.Credential.ApiKey("k1"));

    @Test
    void releasedAdmissionCanBeTakenAgain() {
        repository.put("p1", "posts", "requests-per-minute-per-project", 1);
        QuotaAdmission.Admission first = quota.admit(keyCaller, match, Optional.empty());
        assertThatThrownBy(() -> quota.admit(keyCaller, match, Optional.empty())).isInstanceOf(ApiException.class);
        quota.release(first);
        assertThat(quota.admit(keyCaller, match, Optional.empty()).allowance().remaining()).isZero();
    }

    @Test
    void quotaUserHasItsOwnPerUserLimitWithinTheProject() {
        repository.put("p1", "posts", "requests-per-minute-per-user", 1);
        quota.admit(keyCaller, match, Optional.of("alice"));
        assertThatThrownBy(() -> quota.admit(keyCaller, match, Optional.of("alice"))).isInstanceOf(ApiException.class);
        quota.admit(keyCaller, match, Optional.of("bob"));
        quota.admit(keyCaller, match, Optional.empty());
        quota.admit(keyCaller, match, Optional.empty());
    }
}
