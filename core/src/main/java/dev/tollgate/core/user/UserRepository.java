package dev.tollgate.core.user;

import java.util.Optional;

public interface UserRepository {
    /** @throws dev.tollgate.core.store.DuplicateException if the email is taken */
    void insert(User user);

    Optional<User> findByEmail(String email);

    Optional<User> find(String userId);
}
