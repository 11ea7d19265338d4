package dev.tollgate.core.cors;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.net.WebOrigin;
import dev.tollgate.core.oauth.OAuthClientRepository;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every JavaScript origin registered on any OAuth client, read once and kept until a client is
 * created or deleted on any node ({@link Invalidation.OAuthClients}), or this node may have missed
 * such news ({@link Invalidation.AllKeys}, sent when a project goes or Redis comes back).
 */
public final class RegisteredOrigins {
    private final OAuthClientRepository clients;
    // Bumped by every invalidation; a set read while one arrived is not kept, so it can never outlive the news.
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cached;

    private record Cached(long generation, Set<WebOrigin> origins) {}

    public RegisteredOrigins(OAuthClientRepository clients, InvalidationBus bus) {
        this.clients = clients;
        bus.subscribe(invalidation -> {
            if (invalidation instanceof Invalidation.OAuthClients || invalidation instanceof Invalidation.AllKeys) {
                generation.incrementAndGet();
                cached = null;
            }
        });
    }

    public boolean contains(WebOrigin origin) {
        return origins().contains(origin);
    }

    private Set<WebOrigin> origins() {
        Cached current = cached;
        long now = generation.get();
        if (current != null && current.generation() == now) {
            return current.origins();
        }
        Set<WebOrigin> origins = new HashSet<>();
        for (String text : clients.javascriptOrigins()) {
            WebOrigin.parse(text).ifPresent(origins::add);
        }
        Set<WebOrigin> read = Set.copyOf(origins);
        if (generation.get() == now) {
            cached = new Cached(now, read);
        }
        return read;
    }
}
