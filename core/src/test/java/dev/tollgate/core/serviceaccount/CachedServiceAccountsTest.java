package dev.tollgate.core.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.LocalInvalidationBus;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two nodes' caches over one database and one announcement bus, as in a deployment. */
class CachedServiceAccountsTest {
    private static final RSAPublicKey PUBLIC_KEY = (RSAPublicKey) KeyMaterial.generateRsa2048().getPublic();
    private final Database database = new Database();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final CachedServiceAccounts nodeA = new CachedServiceAccounts(database, bus);
    private final CachedServiceAccounts nodeB = new CachedServiceAccounts(database, bus);
    private final ServiceAccount robot = new ServiceAccount("robot@p.iam", "111", "p", "Robot", false, Instant.EPOCH);
    private final ServiceAccountKey key = new ServiceAccountKey("k1", robot.email(), PUBLIC_KEY, ServiceAccountKey.Origin.GENERATED,
            false, Instant.EPOCH);

    @Test
    void anAssertionAfterTheFirstReadsNoDatabase() {
        nodeA.insert(robot);
        nodeA.insertKey(key);
        int before = database.reads.get();
        for (int i = 0; i < 100; i++) {
            assertThat(nodeA.findKey("k1")).contains(key);
            assertThat(nodeA.find(robot.email())).contains(robot);
        }
        assertThat(database.reads.get() - before).isEqualTo(2);
    }

    @Test
    void aKeyDisabledOnOneNodeIsSeenDisabledOnTheOtherOnceAnnounced() {
        nodeA.insert(robot);
        nodeA.insertKey(key);
        assertThat(nodeA.findKey("k1")).hasValueSatisfying(k -> assertThat(k.disabled()).isFalse());

        nodeB.setKeyDisabled("k1", true);
        assertThat(nodeA.findKey("k1")).as("before the announcement, node A still has its copy")
                .hasValueSatisfying(k -> assertThat(k.disabled()).isFalse());
        bus.publish(new Invalidation.ServiceAccounts());
        assertThat(nodeA.findKey("k1")).hasValueSatisfying(k -> assertThat(k.disabled()).isTrue());
    }

    @Test
    void aWriteOnThisNodeIsSeenAtOnceWithoutWaitingForTheAnnouncement() {
        nodeA.insert(robot);
        assertThat(nodeA.find(robot.email())).hasValueSatisfying(a -> assertThat(a.disabled()).isFalse());
        nodeA.setDisabled(robot.email(), true);
        assertThat(nodeA.find(robot.email())).hasValueSatisfying(a -> assertThat(a.disabled()).isTrue());
        nodeA.delete(robot.email());
        assertThat(nodeA.find(robot.email())).isEmpty();
    }

    @Test
    void aKeyUnknownWhenFirstAskedIsFoundOnceAddedOnAnotherNode() {
        nodeA.insert(robot);
        assertThat(nodeA.findKey("k1")).isEmpty();
        assertThat(nodeA.listKeys(robot.email())).isEmpty();
        nodeB.insertKey(key);
        bus.publish(new Invalidation.ServiceAccounts());
        assertThat(nodeA.findKey("k1")).contains(key);
        assertThat(nodeA.listKeys(robot.email())).containsExactly(key);
    }

    @Test
    void aDeletedProjectOrAMissedAnnouncementEmptiesTheCacheToo() {
        nodeA.insert(robot);
        nodeA.find(robot.email());
        database.accounts.remove(robot.email()); // as a project's deletion does, in SQL
        bus.publish(new Invalidation.AllTokens());
        assertThat(nodeA.find(robot.email())).isEmpty();
        database.accounts.put(robot.email(), robot);
        nodeA.find(robot.email());
        database.accounts.remove(robot.email());
        bus.publish(new Invalidation.AllKeys());
        assertThat(nodeA.find(robot.email())).isEmpty();
    }

    /** The database both nodes share; counts the reads. */
    private static final class Database implements ServiceAccountRepository {
        final Map<String, ServiceAccount> accounts = new LinkedHashMap<>();
        final Map<String, ServiceAccountKey> keys = new LinkedHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override public void insert(ServiceAccount a) { accounts.put(a.email(), a); }
        @Override public Optional<ServiceAccount> find(String email) { reads.incrementAndGet(); return Optional.ofNullable(accounts.get(email)); }
        @Override public Optional<ServiceAccount> findByUniqueId(String id) {
            reads.incrementAndGet();
            return accounts.values().stream().filter(a -> a.uniqueId().equals(id)).findFirst();
        }
        @Override public List<ServiceAccount> list(String projectId) { return new ArrayList<>(accounts.values()); }
        @Override public void setDisabled(String email, boolean disabled) {
            accounts.computeIfPresent(email, (e, a) -> new ServiceAccount(a.email(), a.uniqueId(), a.projectId(), a.displayName(), disabled, a.createTime()));
        }
        @Override public boolean delete(String email) { return accounts.remove(email) != null; }
        @Override public void insertKey(ServiceAccountKey k) { keys.put(k.keyId(), k); }
        @Override public Optional<ServiceAccountKey> findKey(String keyId) { reads.incrementAndGet(); return Optional.ofNullable(keys.get(keyId)); }
        @Override public List<ServiceAccountKey> listKeys(String email) {
            reads.incrementAndGet();
            return keys.values().stream().filter(k -> k.email().equals(email)).toList();
        }
        @Override public void setKeyDisabled(String keyId, boolean disabled) {
            keys.computeIfPresent(keyId, (id, k) -> new ServiceAccountKey(k.keyId(), k.email(), k.publicKey(), k.origin(), disabled, k.createTime()));
        }
        @Override public boolean deleteKey(String keyId) { return keys.remove(keyId) != null; }
    }
}
