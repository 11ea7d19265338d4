package dev.tollgate.core.oauth;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;

/** Remembering consent: a grant only grows, until the person removes it. */
final class Grants {
    private Grants() {}

    static Grant remember(GrantRepository grants, String userId, String clientId, Scopes scopes, Instant now) {
        Optional<Grant> existing = grants.find(userId, clientId);
        var all = new HashSet<>(scopes.values());
        existing.ifPresent(g -> all.addAll(g.scopes().values()));
        Instant created = existing.map(Grant::createTime).orElse(now.truncatedTo(ChronoUnit.MILLIS));
        var grant = new Grant(userId, clientId, Scopes.of(all), created, existing.flatMap(Grant::lastUsedTime));
        grants.put(grant);
        return grant;
    }
}
