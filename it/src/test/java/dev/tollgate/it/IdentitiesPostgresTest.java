package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link IdentitiesTest}, on PostgreSQL: tombstones and principal kinds in its schema. */
class IdentitiesPostgresTest extends IdentitiesTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
