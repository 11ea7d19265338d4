package dev.tollgate.core.quota;

import java.util.Map;

/** Per-project limits that replace the catalog's. */
public interface QuotaOverrides {
    /** {@code service/name} → limit, for one project. */
    Map<String, Long> of(String projectId);

    void put(String projectId, String service, String name, long limit);

    void remove(String projectId, String service, String name);
}
