package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link GrantsStayRemovedTest}, on PostgreSQL. */
class GrantsStayRemovedPostgresTest extends GrantsStayRemovedTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
