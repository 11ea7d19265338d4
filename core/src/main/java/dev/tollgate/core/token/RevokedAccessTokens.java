package dev.tollgate.core.token;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.token.AccessTokenRevocation.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which access tokens have ended before their time. Tokens are not stored ({@link AccessTokenSeal}), so a
 * revocation is a rule: the tokens of this subject, client, grant or source issued up to now. Each rule is
 * written to the database first, then kept in memory on every node (the bus carries it to the others; a
 * node that may have missed messages, and every node at start, reads the whole list again), so checking a
 * token reads no database. Rules outlive every token they can match by no more than a token's lifetime.
 */
public final class RevokedAccessTokens {
    private static final int PRUNE_EVERY = 1024;

    private final AccessTokenRevocationRepository store;
    private final InvalidationBus bus;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final Map<Scope, Map<String, Cutoff>> cutoffs = new EnumMap<>(Scope.class);
    private final AtomicInteger sincePrune = new AtomicInteger();

    /** The latest cutoff heard for one scope and value, and how long any token it matches can live. */
    private record Cutoff(long micros, long untilMillis) {
        Cutoff later(Cutoff other) {
            return new Cutoff(Math.max(micros, other.micros), Math.max(untilMillis, other.untilMillis));
        }
    }

    /** @param tokenLifetime the lifetime of the access tokens this node mints: how long a rule has to last */
    public RevokedAccessTokens(AccessTokenRevocationRepository store, InvalidationBus bus, Clock clock, Duration tokenLifetime) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        for (Scope scope : Scope.values()) {
            cutoffs.put(scope, new ConcurrentHashMap<>());
        }
        // Listening before reading, so that no rule made in between is missed.
        bus.subscribe(this::heard);
        reload();
    }

    public void revokeToken(AccessToken token) {
        add(new AccessTokenRevocation(Scope.TOKEN, token.tokenId(), token.issueTime(), token.expireTime()));
    }

    /** A service account disabled or deleted, or a person whose password was reset. */
    public void revokeSubject(String subjectId) {
        revoke(Scope.SUBJECT, subjectId);
    }

    public void revokeClient(String clientId) {
        revoke(Scope.CLIENT, clientId);
    }

    /** A project deleted: its service accounts' tokens and those of its OAuth clients. */
    public void revokeProject(String projectId) {
        revoke(Scope.PROJECT, projectId);
    }

    /** A person's grant to one client removed. */
    public void revokeSubjectAndClient(String subjectId, String clientId) {
        revoke(Scope.SUBJECT_AND_CLIENT, AccessTokenRevocation.subjectAndClient(subjectId, clientId));
    }

    public void revokeSource(String source) {
        revoke(Scope.SOURCE, source);
    }

    public boolean isRevoked(AccessToken token) {
        long issued = ChronoUnit.MICROS.between(Instant.EPOCH, token.issueTime());
        return covers(Scope.TOKEN, token.tokenId(), issued)
                || covers(Scope.SUBJECT, token.subjectId(), issued)
                || covers(Scope.CLIENT, token.clientId(), issued)
                || covers(Scope.PROJECT, token.projectId(), issued)
                || covers(Scope.SOURCE, token.source(), issued)
                || !cutoffs.get(Scope.SUBJECT_AND_CLIENT).isEmpty() && token.subjectId() != null && token.clientId() != null
                   && covers(Scope.SUBJECT_AND_CLIENT, AccessTokenRevocation.subjectAndClient(token.subjectId(), token.clientId()), issued);
    }

    /** Reads every live rule from the database again: at start, and when this node may have missed other nodes' messages. */
    public void reload() {
        for (AccessTokenRevocation revocation : store.live(clock.instant())) {
            remember(revocation);
        }
        prune();
    }

    private void revoke(Scope scope, String value) {
        Instant now = clock.instant();
        // Kept to the millisecond: rounded up, so that it outlasts the last token it can match.
        Instant until = now.plus(tokenLifetime).plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        add(new AccessTokenRevocation(scope, value, now, until));
    }

    private void add(AccessTokenRevocation revocation) {
        if (revocation.scope().endsForGood() && cutoffs.get(revocation.scope()).containsKey(revocation.value())) {
            // Already ended for good: a replayed code or a repeated call writes nothing more.
            return;
        }
        store.add(revocation);
        remember(revocation);
        bus.publish(new Invalidation.AccessTokensRevoked(revocation.scope().name(), revocation.value(),
                micros(revocation.cutoff()), revocation.until().toEpochMilli()));
    }

    private void heard(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.AccessTokensRevoked r) {
            Scope scope;
            try {
                scope = Scope.valueOf(r.scope());
            } catch (IllegalArgumentException e) {
                // A newer node's kind of rule: read the list, which this node's version understands, instead.
                reload();
                return;
            }
            remember(new AccessTokenRevocation(scope, r.value(), Instant.EPOCH.plus(r.cutoffMicros(), ChronoUnit.MICROS),
                    Instant.ofEpochMilli(r.untilEpochMillis())));
        } else if (invalidation instanceof Invalidation.AllKeys) {
            reload();
        }
    }

    private void remember(AccessTokenRevocation revocation) {
        cutoffs.get(revocation.scope()).merge(revocation.value(),
                new Cutoff(micros(revocation.cutoff()), revocation.until().toEpochMilli()), Cutoff::later);
        if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
            prune();
        }
    }

    private void prune() {
        sincePrune.set(0);
        long now = clock.millis();
        for (Map<String, Cutoff> byValue : cutoffs.values()) {
            byValue.values().removeIf(c -> c.untilMillis() <= now);
        }
    }

    private boolean covers(Scope scope, String value, long issuedMicros) {
        if (value == null) {
            return false;
        }
        Cutoff cutoff = cutoffs.get(scope).get(value);
        return cutoff != null && issuedMicros <= cutoff.micros();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
