package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerHeadersTest {
    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "Transfer-Encoding", "Content-Length", "Set-Cookie", "SET-COOKIE2", "Date",
            "Server", "Content-Security-Policy", "content-security-policy-report-only", "X-Content-Type-Options", "Upgrade",
            "Trailer", "Access-Control-Allow-Origin", "access-control-allow-credentials", "ACCESS-CONTROL-EXPOSE-HEADERS"})
    void hopByHopCookiesCorsAndTollgatesOwnAreNotReturned(String name) {
        assertThat(AnswerHeaders.returned(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "ETag", "Cache-Control", "Location", "X-Request-Id", "Vary", "Access-Control"})
    void theBackendsOwnHeadersAreReturned(String name) {
        assertThat(AnswerHeaders.returned(name)).isTrue();
    }
}
