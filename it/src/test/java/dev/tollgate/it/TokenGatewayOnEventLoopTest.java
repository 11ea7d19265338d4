package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link TokenGatewayTest} against the gateway's event-loop listener ({@code --api-port}). */
class TokenGatewayOnEventLoopTest extends TokenGatewayTest {
    @Override
    protected String[] extraServeArgs() {
        return onEventLoop(super.extraServeArgs());
    }

    @Test
    void gatewayCallsGoToTheEventLoopListener() {
        assertThat(server.gatewayUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(server.baseUrl());
    }
}
