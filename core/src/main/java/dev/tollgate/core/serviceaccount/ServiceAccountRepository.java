package dev.tollgate.core.serviceaccount;

import java.util.List;
import java.util.Optional;

public interface ServiceAccountRepository {
    /** @throws dev.tollgate.core.store.DuplicateException if the email or unique id is taken, or the email was ever deleted */
    void insert(ServiceAccount account);

    Optional<ServiceAccount> find(String email);

    Optional<ServiceAccount> findByUniqueId(String uniqueId);

    List<ServiceAccount> list(String projectId);

    void setDisabled(String email, boolean disabled);

    /** Deletes the account and every role it held, and reserves its address for good, at once. */
    boolean delete(String email);

    void insertKey(ServiceAccountKey key);

    Optional<ServiceAccountKey> findKey(String keyId);

    List<ServiceAccountKey> listKeys(String email);

    void setKeyDisabled(String keyId, boolean disabled);

    boolean deleteKey(String keyId);
}
