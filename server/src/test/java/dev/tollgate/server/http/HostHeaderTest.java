package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"api.example", "API.EXAMPLE", "api.example:443", "Api.Example:8443", "api.example:"})
    void theApiHostInAnyCaseAndOnAnyPortIsNamed(String header) {
        assertThat(HostHeader.names(header, "api.example")).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "api.example.evil", "evil.api.example", "api.exampl", "tollgate.example", "[::1]:8080", "api.example.:443"})
    void anyOtherHostOrNoneIsNot(String header) {
        assertThat(HostHeader.names(header, "api.example")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "[::1]:8443", "[::1]:"})
    void anIpv6LiteralIsReadWithItsBrackets(String header) {
        assertThat(HostHeader.names(header, "[::1]")).isTrue();
    }
}
