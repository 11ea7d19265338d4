package dev.tollgate.core.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Delivers invalidations synchronously to this process's caches. */
public final class LocalInvalidationBus implements InvalidationBus {
    private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Invalidation invalidation) {
        for (Consumer<Invalidation> l : listeners) {
            l.accept(invalidation);
        }
    }

    @Override
    public void subscribe(Consumer<Invalidation> listener) {
        listeners.add(listener);
    }
}
