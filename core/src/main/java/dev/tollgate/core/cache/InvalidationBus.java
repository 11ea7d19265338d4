package dev.tollgate.core.cache;

import java.util.function.Consumer;

/** Carries invalidations to every cache of every node: in process on one node, Redis pub/sub on several. */
public interface InvalidationBus {
    void publish(Invalidation invalidation);

    void subscribe(Consumer<Invalidation> listener);
}
