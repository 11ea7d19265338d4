package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link FirstStartTest}, on PostgreSQL. */
class FirstStartPostgresTest extends FirstStartTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
