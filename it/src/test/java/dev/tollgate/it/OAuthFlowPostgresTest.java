package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link OAuthFlowTest}, on PostgreSQL. */
class OAuthFlowPostgresTest extends OAuthFlowTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
