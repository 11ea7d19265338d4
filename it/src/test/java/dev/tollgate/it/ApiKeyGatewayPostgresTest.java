package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link ApiKeyGatewayTest}, on PostgreSQL. */
class ApiKeyGatewayPostgresTest extends ApiKeyGatewayTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
