package dev.tollgate.core.key;

import java.util.List;
import java.util.Optional;

public interface ApiKeyRepository {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> find(String projectId, String keyId);

    List<ApiKey> list(String projectId);

    void update(ApiKey key);

    boolean delete(String projectId, String keyId);
}
