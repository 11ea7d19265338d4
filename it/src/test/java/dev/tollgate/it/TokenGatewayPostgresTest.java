package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link TokenGatewayTest}, on PostgreSQL. */
class TokenGatewayPostgresTest extends TokenGatewayTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
