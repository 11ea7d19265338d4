package dev.tollgate.core.user;

import java.util.Optional;

public interface UserRepository {
    /** @throws dev.tollgate.core.store.DuplicateException if the email is taken */
    void insert(User user);

    Optional<User> findByEmail(String email);

    Optional<User> find(String userId);

    /** Replaces the person's password hash; does nothing if there is no such person. */
    void updatePasswordHash(String userId, String passwordHash);

    /** Every account, by email address. */
    java.util.List<User> list();

    /** Disables or enables the account; does nothing if there is no such person. */
    void setDisabled(String userId, boolean disabled);
}
