package dev.tollgate.core.quota;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.protocol.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** The quotas API: each API's limits for a project, and the project's overrides. */
public final class QuotaService {
    static final long MAX_LIMIT = 1_000_000_000_000L;

    private final QuotaOverrides overrides;
    private final ProjectPermissions permissions;
    private final ApiCatalog catalog;
    private final InvalidationBus bus;

    public QuotaService(QuotaOverrides overrides, ProjectPermissions permissions, ApiCatalog catalog, InvalidationBus bus) {
        this.overrides = overrides;
        this.permissions = permissions;
        this.catalog = catalog;
        this.bus = bus;
    }

    public record Limit(String service, String name, QuotaWindow window, boolean perUser, long defaultLimit, long effectiveLimit) {}

    /** A requested change: a new limit, or none to go back to the catalog's. */
    public record Override(String service, String name, OptionalLong limit) {}

    public List<Limit> limits(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return limits(projectId);
    }

    public List<Limit> setOverrides(Principal caller, String projectId, List<Override> changes) {
        return setOverrides(caller, projectId, () -> changes);
    }

    /**
     * Applies the changes the request asks for; they are read only once the caller may change the
     * project's quotas at all, so that a viewer or a stranger is refused (403) whatever the body holds.
     */
    public List<Limit> setOverrides(Principal caller, String projectId, Supplier<List<Override>> requested) {
        permissions.require(caller, projectId, Role.EDITOR);
        List<Override> changes = requested.get();
        if (changes.size() > 100) {
            throw ApiError.INVALID_ARGUMENT.exception("At most 100 overrides at once.");
        }
        boolean platformAdmin = permissions.isPlatformAdmin(caller);
        for (Override o : changes) {
            ApiDefinition api = api(o.service());
            QuotaMetric metric = QuotaMetric.byName(o.name()).orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception(
                    "Unknown quota " + o.name() + "; expected requests-per-minute-per-project, requests-per-day-per-project or requests-per-minute-per-user."));
            if (o.limit().isPresent() && (o.limit().getAsLong() < 0 || o.limit().getAsLong() > MAX_LIMIT)) {
                throw ApiError.INVALID_ARGUMENT.exception("limit must be between 0 and " + MAX_LIMIT + ".");
            }
            // Like Google's consumer overrides: a project may cap its quota; only the platform raises it.
            // Removing an override lands on the catalog's limit, which is never a raise above it.
            long catalogLimit = metric.catalogLimit(api.quota());
            if (!platformAdmin && o.limit().isPresent() && o.limit().getAsLong() > catalogLimit) {
                throw ApiError.PERMISSION_DENIED.exception("Only a platform administrator may raise " + o.service() + " " + o.name()
                        + " above its limit of " + catalogLimit + "; a project's editors may only lower it.");
            }
        }
        for (Override o : changes) {
            if (o.limit().isPresent()) {
                overrides.put(projectId, o.service(), o.name(), o.limit().getAsLong());
            } else {
                overrides.remove(projectId, o.service(), o.name());
            }
        }
        bus.publish(new Invalidation.Project(projectId));
        return limits(projectId);
    }

    private List<Limit> limits(String projectId) {
        Map<String, Long> set = overrides.of(projectId);
        var out = new ArrayList<Limit>();
        for (ApiDefinition api : catalog.apis()) {
            for (QuotaMetric metric : QuotaMetric.values()) {
                long catalogLimit = metric.catalogLimit(api.quota());
                Long override = set.get(ProjectQuotas.key(api.name(), metric.limitName()));
                out.add(new Limit(api.name(), metric.limitName(), metric.window(), metric.perUser(), catalogLimit,
                        override != null ? override : catalogLimit));
            }
        }
        return out;
    }

    private ApiDefinition api(String service) {
        return catalog.apis().stream().filter(a -> a.name().equals(service)).findFirst()
                .orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("Unknown service " + service + "."));
    }
}
