package dev.tollgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0, true",
            "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.112.255, false",
            "203.0.113.0/24, 203.0.114.0, false",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7, 203.0.113.8, false",
            "203.0.113.6/31, 203.0.113.7, true",
            "203.0.113.6/31, 203.0.113.8, false",
            "128.0.0.0/1, 255.255.255.255, true",
            "128.0.0.0/1, 127.255.255.255, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "2001:db8::/32, 2001:db8::, true",
            "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db9::, false",
            "2001:db8::/32, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:db8:0:1::/64, 2001:db8:0:1:ffff:ffff:ffff:ffff, true",
            "2001:db8:0:1::/64, 2001:db8:0:2::, false",
            "2001:db8:0:1:8000::/65, 2001:db8:0:1:ffff::, true",
            "2001:db8:0:1:8000::/65, 2001:db8:0:1:7fff:ffff:ffff:ffff, false",
            "2001:db8::/127, 2001:db8::1, true",
            "2001:db8::/127, 2001:db8::2, false",
            "::1, ::1, true",
            "::1, ::2, false",
            "::/0, 2001:db8::1, true",
            "::/0, 203.0.113.7, false",
    })
    void blockContainsExactlyTheAddressesWithinItsPrefix(String block, String address, boolean expected) {
        assertThat(Cidr.parse(block).contains(IpLiteral.parse(address))).isEqualTo(expected);
    }

    @Test
    void ipv4MappedIpv6AddressMatchesTheIpv4Block() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
        InetAddress asIpv6 = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(asIpv6).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("203.0.113.0/24").contains(asIpv6)).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains(IpLiteral.parse("::ffff:203.0.113.7"))).isTrue();
        assertThat(Cidr.parse("198.51.100.0/24").contains(asIpv6)).isFalse();
        assertThat(Cidr.parse("::/0").contains(asIpv6)).isFalse();
    }

    @Test
    void ipv4MappedBlockIsTheIpv4BlockItDescribes() {
        assertThat(Cidr.parse("::ffff:203.0.113.0/120")).isEqualTo(Cidr.parse("203.0.113.0/24"));
        assertThat(Cidr.parse("::ffff:203.0.113.7")).isEqualTo(Cidr.parse("203.0.113.7"));
        assertThat(Cidr.parse("::ffff:203.0.113.0/120").toString()).isEqualTo("203.0.113.0/24");
        assertThat(Cidr.parse("::ffff:203.0.113.0/120").isIpv4()).isTrue();
    }

    @Test
    void nullAddressIsNotContained() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(null)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "203.0.113.7/32, 203.0.113.7",
            "203.0.113.0/24, 203.0.113.0/24",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:0DB8:0000::/32, 2001:db8::/32",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "0:0:0:0:0:0:0:1/128, ::1",
            "::/0, ::/0",
            "2001:db8::1:0/112, 2001:db8::1:0/112",
    })
    void canonicalTextIsCompactAndLowerCase(String text, String canonical) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(canonical);
        assertThat(Cidr.parse(canonical)).isEqualTo(Cidr.parse(text)).hasSameHashCodeAs(Cidr.parse(text));
    }

    @Test
    void blockWithHostBitsSetIsRejectedAndNamesTheNetwork() {
        assertThatThrownBy(() -> Cidr.parse("203.0.113.7/24"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"203.0.113.7/24\"")
                .hasMessageContaining("203.0.113.0/24");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::1/32"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2001:db8::/32");
    }

    @Test
    void prefixOutOfRangeIsRejectedWithTheRange() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0-32");
        assertThatThrownBy(() -> Cidr.parse("::/129")).hasMessageContaining("0-128");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            " ", "localhost", "example.com", "nonexistent.invalid", "010.0.0.1", "1.2.3.04", "1.2.3", "1.2.3.4.5",
            "256.0.0.1", "1.2.3.-4", "0x7f.0.0.1", "2130706433", "1.2.3.4/", "/24", "1.2.3.4/024", "1.2.3.4/ 24",
            "1.2.3.4/+8", "1.2.3.4/-1", "1.2.3.4/24/24", "1.2.3.4/33", "1.2.3.4/99999999999", "::/129",
            "fe80::1%eth0", "fe80::1%1", "[::1]", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":::", "1::2::3", "12345::",
            "g::1", ":1::", "1:", "::1:", "::ffff:1.2.3.04", "::1.2.3.4:5", "1.2.3.4::", "\uff11.\uff12.\uff13.\uff14",
            "1.2.3.\u0664", "\uff11::", "1.2.3.4\n", "1.2.3.4\u0000", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4/2\u0664",
            "1.2.3.4,5.6.7.8", "*", "1.2.3.*", "::ffff:1.2.3.4.5",
    })
    void hostileTextIsRejectedWithIllegalArgumentOnly(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> oversizedText() {
        return Stream.of(Arguments.of("1".repeat(100_000)), Arguments.of("1.2.3.4/" + "1".repeat(1000)),
                Arguments.of("1:".repeat(40) + ":"), Arguments.of("\u0000".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("oversizedText")
    void oversizedTextIsRejectedWithAShortPrintableMessage(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\u0000"));
    }

    @Test
    void hostNameThatWouldResolveIsStillRejected() throws UnknownHostException {
        // localhost resolves on every machine: were it looked up, parse would succeed.
        assertThat(InetAddress.getByName("localhost")).isNotNull();
        assertThatThrownBy(() -> Cidr.parse("localhost")).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("localhost/32")).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
