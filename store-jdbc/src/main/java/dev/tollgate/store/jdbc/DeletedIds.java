package dev.tollgate.store.jdbc;

import dev.tollgate.core.store.DuplicateException;
import org.jdbi.v3.core.Handle;

/**
 * The {@code deleted_ids} table: ids of deleted projects and addresses of deleted service accounts,
 * which are never given out again. Used inside the transactions that create and delete them.
 */
final class DeletedIds {
    static final String PROJECT = "PROJECT";
    static final String SERVICE_ACCOUNT = "SERVICE_ACCOUNT";

    private DeletedIds() {}

    static boolean contains(Handle h, String kind, String id) {
        return h.createQuery("SELECT COUNT(*) FROM deleted_ids WHERE kind = ? AND id = ?")
                .bind(0, kind).bind(1, id).mapTo(Integer.class).one() > 0;
    }

    /** Refuses, like a taken id, an id that was deleted. */
    static void requireNeverDeleted(Handle h, String kind, String id, String what) {
        if (contains(h, kind, id)) {
            throw new DuplicateException(what);
        }
    }

    static void reserve(Handle h, String kind, String id, long nowMs) {
        if (!contains(h, kind, id)) {
            h.createUpdate("INSERT INTO deleted_ids (kind, id, delete_time_ms) VALUES (?, ?, ?)")
                    .bind(0, kind).bind(1, id).bind(2, nowMs).execute();
        }
    }
}
