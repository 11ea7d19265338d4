package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link AdminApiTest}, on PostgreSQL. */
class AdminApiPostgresTest extends AdminApiTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
