package dev.tollgate.core.oauth;

import dev.tollgate.core.secret.Secrets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The ID-token signing keys: the newest signs; a key older than the rotation period is replaced,
 * and stays published for a grace period so that tokens it signed can still be verified.
 */
public final class SigningKeys {
    private final SigningKeyRepository repository;
    private final Clock clock;
    private final Duration rotation;
    private final Duration grace;
    private volatile Snapshot snapshot;

    private record Snapshot(List<SigningKey> published, Instant checkedAt) {}

    public SigningKeys(SigningKeyRepository repository, Clock clock, Duration rotation, Duration grace) {
        this.repository = repository;
        this.clock = clock;
        this.rotation = rotation;
        this.grace = grace;
    }

    /** The key to sign with now, rotating first if the current one is too old. */
    public synchronized SigningKey current() {
        List<SigningKey> keys = published();
        Instant now = clock.instant();
        Optional<SigningKey> newest = keys.stream().filter(k -> k.retireTime().isEmpty()).findFirst();
        if (newest.isPresent() && newest.get().createTime().plus(rotation).isAfter(now)) {
            return newest.get();
        }
        KeyPair pair = dev.tollgate.core.serviceaccount.KeyMaterial.generateRsa2048();
        var key = new SigningKey(Secrets.randomHex(20), (RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic(),
                now.truncatedTo(ChronoUnit.MILLIS), Optional.empty());
        repository.insert(key);
        newest.ifPresent(old -> repository.retire(old.kid(), now.plus(grace)));
        snapshot = null;
        return key;
    }

    /**
     * The end of the time a verifier may meet the key: its retirement (which includes the grace
     * period) once retired; until then the latest it can be, since no key signs after its rotation.
     */
    public Instant publishedUntil(SigningKey key) {
        return key.retireTime().orElse(key.createTime().plus(rotation).plus(grace));
    }

    /** The keys a verifier may meet now; re-read at most once a minute so other nodes' rotations show. */
    public List<SigningKey> published() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.checkedAt().plusSeconds(60).isBefore(now)) {
            s = new Snapshot(repository.published(now), now);
            snapshot = s;
        }
        return s.published();
    }
}
