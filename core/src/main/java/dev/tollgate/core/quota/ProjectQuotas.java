package dev.tollgate.core.quota;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiDefinition;
import java.time.Duration;
import java.util.Map;

/**
 * A project's effective limits: the catalog's, replaced by its overrides. Overrides are cached;
 * a change is announced as a project invalidation, so every node uses it within a second.
 */
public final class ProjectQuotas {
    private final LoadingCache<String, Map<String, Long>> overrides;

    public ProjectQuotas(QuotaOverrides repository, InvalidationBus bus) {
        this.overrides = Caches.upkeptByCallers().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build(repository::of);
        bus.subscribe(i -> {
            if (i instanceof Invalidation.Project p) {
                overrides.invalidate(p.projectId());
            } else if (i instanceof Invalidation.AllKeys) {
                overrides.invalidateAll();
            }
        });
    }

    public long limit(String projectId, ApiDefinition api, QuotaMetric metric) {
        Long override = overrides.get(projectId).get(key(api.name(), metric.limitName()));
        return override != null ? override : metric.catalogLimit(api.quota());
    }

    public static String key(String service, String limitName) {
        return service + "/" + limitName;
    }
}
