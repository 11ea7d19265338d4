package dev.tollgate.store.redis;

import io.lettuce.core.api.StatefulConnection;
import java.util.function.Supplier;

/**
 * A connection opened on first use. Once open, Lettuce reconnects it by itself; only a first
 * connection that failed (Redis was down when the node started) has to be tried again.
 */
final class LazyConnection<C extends StatefulConnection<String, String>> implements AutoCloseable {
    private final Supplier<C> opener;
    private volatile C connection;
    private boolean closed;

    LazyConnection(Supplier<C> opener) {
        this.opener = opener;
    }

    /** The connection, opened now if needed; throws a {@code RedisException} when Redis cannot be reached. */
    C get() {
        C c = connection;
        return c != null ? c : open();
    }

    /** The connection if it was opened, without trying to open it. */
    C ifOpen() {
        return connection;
    }

    /** Closes and forgets the connection, so that the next {@link #get} opens a new one. */
    synchronized void discard() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private synchronized C open() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (connection == null) {
            connection = opener.get();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        closed = true;
        discard();
    }
}
