package dev.tollgate.core.serviceaccount;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service accounts and keys that the token endpoint reads for every JWT-bearer assertion, read
 * once until one changes. Any change to an account or a key, on any node, empties it
 * ({@link Invalidation.ServiceAccounts}, which {@link ServiceAccountService} announces, or
 * {@link Invalidation.AllTokens} and {@link Invalidation.AllKeys} when a project goes or this node
 * may have missed announcements), and an entry lives at most a minute besides. Writes go straight
 * to the repository and empty this node's copy at once.
 */
public final class CachedServiceAccounts implements ServiceAccountRepository {
    private static final Duration CACHED_AT_MOST = Duration.ofMinutes(1);

    private final ServiceAccountRepository repository;
    private final LoadingCache<String, Optional<ServiceAccount>> byEmail;
    private final LoadingCache<String, Optional<ServiceAccount>> byUniqueId;
    private final LoadingCache<String, Optional<ServiceAccountKey>> keys;
    private final LoadingCache<String, List<ServiceAccountKey>> keysOf;

    public CachedServiceAccounts(ServiceAccountRepository repository, InvalidationBus bus) {
        this.repository = repository;
        this.byEmail = cache().build(repository::find);
        this.byUniqueId = cache().build(repository::findByUniqueId);
        this.keys = cache().build(repository::findKey);
        this.keysOf = cache().build(repository::listKeys);
        bus.subscribe(invalidation -> {
            if (invalidation instanceof Invalidation.ServiceAccounts || invalidation instanceof Invalidation.AllTokens
                    || invalidation instanceof Invalidation.AllKeys) {
                forgetAll();
            }
        });
    }

    private static Caffeine<Object, Object> cache() {
        return Caches.upkeptByCallers().maximumSize(100_000).expireAfterWrite(CACHED_AT_MOST);
    }

    private void forgetAll() {
        byEmail.invalidateAll();
        byUniqueId.invalidateAll();
        keys.invalidateAll();
        keysOf.invalidateAll();
    }

    @Override
    public Optional<ServiceAccount> find(String email) {
        return byEmail.get(email);
    }

    @Override
    public Optional<ServiceAccount> findByUniqueId(String uniqueId) {
        return byUniqueId.get(uniqueId);
    }

    @Override
    public Optional<ServiceAccountKey> findKey(String keyId) {
        return keys.get(keyId);
    }

    @Override
    public List<ServiceAccountKey> listKeys(String email) {
        return keysOf.get(email);
    }

    @Override
    public List<ServiceAccount> list(String projectId) {
        return repository.list(projectId);
    }

    @Override
    public void insert(ServiceAccount account) {
        try {
            repository.insert(account);
        } finally {
            forgetAll();
        }
    }

    @Override
    public void setDisabled(String email, boolean disabled) {
        try {
            repository.setDisabled(email, disabled);
        } finally {
            forgetAll();
        }
    }

    @Override
    public boolean delete(String email) {
        try {
            return repository.delete(email);
        } finally {
            forgetAll();
        }
    }

    @Override
    public void insertKey(ServiceAccountKey key) {
        try {
            repository.insertKey(key);
        } finally {
            forgetAll();
        }
    }

    @Override
    public void setKeyDisabled(String keyId, boolean disabled) {
        try {
            repository.setKeyDisabled(keyId, disabled);
        } finally {
            forgetAll();
        }
    }

    @Override
    public boolean deleteKey(String keyId) {
        try {
            return repository.deleteKey(keyId);
        } finally {
            forgetAll();
        }
    }
}
