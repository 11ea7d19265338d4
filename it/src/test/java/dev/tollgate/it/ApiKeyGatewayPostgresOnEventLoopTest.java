package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiKeyGatewayPostgresTest} against the gateway's event-loop listener: with PostgreSQL the
 * steps up to admission run off the loops, on the listener's own pool.
 */
class ApiKeyGatewayPostgresOnEventLoopTest extends ApiKeyGatewayPostgresTest {
    @Override
    protected String[] extraServeArgs() throws IOException {
        return onEventLoop(super.extraServeArgs());
    }

    @Test
    void gatewayCallsGoToTheEventLoopListener() {
        assertThat(server.gatewayUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(server.baseUrl());
    }
}
