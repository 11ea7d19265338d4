package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link ServiceAccountGrantTest}, on PostgreSQL. */
class ServiceAccountGrantPostgresTest extends ServiceAccountGrantTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
