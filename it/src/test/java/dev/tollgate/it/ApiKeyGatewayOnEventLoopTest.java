package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link ApiKeyGatewayTest} against the gateway's event-loop listener ({@code --api-port}). */
class ApiKeyGatewayOnEventLoopTest extends ApiKeyGatewayTest {
    @Override
    protected String[] extraServeArgs() throws IOException {
        return onEventLoop(super.extraServeArgs());
    }

    @Test
    void gatewayCallsGoToTheEventLoopListener() {
        assertThat(server.gatewayUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(server.baseUrl());
    }
}
