package dev.tollgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:DB8::1, 2001:db8::1",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "::ffff:c000:0201, 192.0.2.1",
            "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
    })
    void literalIsFormattedCanonically(String text, String canonical) {
        assertThat(IpLiteral.format(IpLiteral.parse(text))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "::ffff:192.0.2.1"})
    void ipv4AndIpv4MappedLiteralsBecomeIpv4Addresses(String text) {
        assertThat(IpLiteral.parse(text)).isInstanceOf(Inet4Address.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "2001:db8::", "::192.0.2.1"})
    void ipv6LiteralsBecomeIpv6Addresses(String text) {
        assertThat(IpLiteral.parse(text)).isInstanceOf(Inet6Address.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "1.1", "01.1.1.1", "::1%lo", "[::1]", "1.2.3.4:80"})
    void nonLiteralIsRejectedWithoutLookup(String text) {
        assertThatThrownBy(() -> IpLiteral.parse(text)).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
