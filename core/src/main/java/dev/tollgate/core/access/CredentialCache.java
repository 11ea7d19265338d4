package dev.tollgate.core.access;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyRepository;
import dev.tollgate.core.key.KeyPolicy;
import dev.tollgate.core.project.ProjectRepository;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's memory of keys and projects, so that a call's check reads no database once a
 * credential has been seen (access tokens need no memory: they carry their own record). Absence is cached too, so a flood of well-formed but unknown
 * credentials costs one lookup each. Every change is announced on the {@link InvalidationBus}.
 */
public final class CredentialCache {

    /** A key with its restrictions compiled once. */
    public record CachedKey(ApiKey key, KeyPolicy policy) {}

    private final LoadingCache<String, Optional<CachedKey>> keys;
    private final LoadingCache<String, Optional<ProjectState>> projects;

    public CredentialCache(ApiKeyRepository keyRepository, ProjectRepository projectRepository, InvalidationBus bus) {
        this.keys = Caches.upkeptByCallers().maximumSize(1_000_000).expireAfterAccess(Duration.ofHours(1))
                .build(hash -> keyRepository.findByHash(hash).map(k -> new CachedKey(k, KeyPolicy.compile(k.restrictions()))));
        this.projects = Caches.upkeptByCallers().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1))
                .build(id -> projectRepository.find(id).map(p ->
                        new ProjectState(p.projectId(), p.projectNumber(), projectRepository.enabledServices(id))));
        bus.subscribe(this::invalidate);
    }

    public Optional<CachedKey> key(String keyHash) { return keys.get(keyHash); }

    public Optional<ProjectState> project(String projectId) { return projects.get(projectId); }

    private void invalidate(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.ApiKey k) {
            keys.invalidate(k.keyHash());
        } else if (invalidation instanceof Invalidation.Project p) {
            projects.invalidate(p.projectId());
        } else if (invalidation instanceof Invalidation.AllKeys) {
            // Also said after a node lost its peers' messages (Redis outage): project state may be stale too.
            keys.invalidateAll();
            projects.invalidateAll();
        }
    }
}
