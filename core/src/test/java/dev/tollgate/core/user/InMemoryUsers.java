package dev.tollgate.core.user;

import dev.tollgate.core.store.DuplicateException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A UserRepository in a map, for tests of the account rules. */
public final class InMemoryUsers implements UserRepository {
    private final Map<String, User> byId = new ConcurrentHashMap<>();

    @Override
    public synchronized void insert(User user) {
        if (byId.containsKey(user.userId()) || findByEmail(user.email()).isPresent()) {
            throw new DuplicateException("user " + user.email());
        }
        byId.put(user.userId(), user);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return byId.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
    }

    @Override
    public Optional<User> find(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    @Override
    public void updatePasswordHash(String userId, String passwordHash) {
        byId.computeIfPresent(userId, (id, u) -> new User(id, u.email(), passwordHash, u.createTime(), u.disabled()));
    }

    @Override
    public java.util.List<User> list() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(User::email)).toList();
    }

    @Override
    public void setDisabled(String userId, boolean disabled) {
        byId.computeIfPresent(userId, (id, u) -> new User(id, u.email(), u.passwordHash(), u.createTime(), disabled));
    }

    /** What the verified-address store does to the users table when an address changes. */
    public synchronized void changeEmail(String userId, String email) {
        if (findByEmail(email).filter(u -> !u.userId().equals(userId)).isPresent()) {
            throw new DuplicateException("user " + email);
        }
        byId.computeIfPresent(userId, (id, u) -> new User(id, email, u.passwordHash(), u.createTime(), u.disabled()));
    }
}
