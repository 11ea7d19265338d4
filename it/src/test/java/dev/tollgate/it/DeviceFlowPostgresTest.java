package dev.tollgate.it;

import dev.tollgate.store.jdbc.TestDatabases;

/** The same suite as {@link DeviceFlowTest}, on PostgreSQL. */
class DeviceFlowPostgresTest extends DeviceFlowTest {
    @Override
    protected TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
