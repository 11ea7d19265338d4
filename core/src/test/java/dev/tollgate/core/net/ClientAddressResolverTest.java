package dev.tollgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressResolverTest {
    private static final String PROXY = "10.0.0.1";
    private final ClientAddressResolver resolver =
            new ClientAddressResolver(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8:ffff::/48")));

    private String resolve(String peer, String xForwardedFor) {
        return IpLiteral.format(resolver.resolve(IpLiteral.parse(peer), xForwardedFor));
    }

    @Test
    void untrustedPeerIsTheClientWhateverItsHeaderSays() {
        assertThat(resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(resolve("203.0.113.9", "10.0.0.5")).isEqualTo("203.0.113.9");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void trustedPeerWithoutHeaderIsTheClient(String header) {
        assertThat(resolve(PROXY, header)).isEqualTo(PROXY);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9 | 203.0.113.9",
            "203.0.113.9, 10.0.0.2 | 203.0.113.9",
            "198.51.100.1, 203.0.113.9, 10.0.0.2 | 203.0.113.9",
            "10.0.0.7, 203.0.113.9, 10.0.0.2, 10.0.0.3 | 203.0.113.9",
            "10.0.0.3, 10.0.0.2 | 10.0.0.3",
            "203.0.113.9,10.0.0.2 | 203.0.113.9",
            "\t203.0.113.9 ,  10.0.0.2\t | 203.0.113.9",
            "203.0.113.9:5678 | 203.0.113.9",
            "[2001:db8::9] | 2001:db8::9",
            "[2001:db8::9]:443, 2001:db8:ffff::2 | 2001:db8::9",
            "2001:DB8::9 | 2001:db8::9",
            "::ffff:203.0.113.9 | 203.0.113.9",
            "203.0.113.9, ::ffff:10.0.0.2 | 203.0.113.9",
    })
    void trustedPeerIsLookedThroughToTheRightMostUntrustedHop(String header, String client) {
        assertThat(resolve(PROXY, header)).isEqualTo(client);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "garbage | 10.0.0.1",
            "203.0.113.9, garbage | 10.0.0.1",
            "203.0.113.9, unknown, 10.0.0.2 | 10.0.0.2",
            "203.0.113.9, , 10.0.0.2 | 10.0.0.2",
            "'203.0.113.9, ' | 10.0.0.1",
            "', ' | 10.0.0.1",
            "localhost | 10.0.0.1",
            "evil.example, 10.0.0.2 | 10.0.0.2",
            "203.0.113.9, 010.0.0.2 | 10.0.0.1",
            "203.0.113.9, fe80::1%eth0 | 10.0.0.1",
            "203.0.113.9, _hidden | 10.0.0.1",
            "203.0.113.9, 10.0.0.2:99999x | 10.0.0.1",
            "203.0.113.9, [2001:db8::1 | 10.0.0.1",
            "203.0.113.9, 10.0.0.2 10.0.0.3 | 10.0.0.1",
            "203.0.113.9, for=10.0.0.2 | 10.0.0.1",
    })
    void malformedEntryStopsTheWalkAtTheLastTrustedHop(String header, String client) {
        assertThat(resolve(PROXY, header)).isEqualTo(client);
    }

    @Test
    void spoofedEntriesLeftOfTheClientAreIgnored() {
        // The client sent "X-Forwarded-For: 10.0.0.9" hoping to pass for an internal host; our proxy appended its address.
        assertThat(resolve(PROXY, "10.0.0.9, 203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedIpv6PeerIsLookedThrough() {
        assertThat(resolve("2001:db8:ffff::1", "203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void ipv4MappedPeerIsTrustedLikeItsIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress peer = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(IpLiteral.format(resolver.resolve(peer, "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void withoutTrustedProxiesThePeerIsAlwaysTheClient() {
        var none = new ClientAddressResolver(List.of());
        assertThat(IpLiteral.format(none.resolve(IpLiteral.parse(PROXY), "203.0.113.9"))).isEqualTo(PROXY);
    }

    @Test
    void veryLongHeaderIsReadOnlyFromTheRight() {
        String header = "198.51.100.1, ".repeat(200_000) + "203.0.113.9, 10.0.0.2";
        assertThat(resolve(PROXY, header)).isEqualTo("203.0.113.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r\n", "\uff11.\uff12.\uff13.\uff14", "1.2.3.4\u0000", "[]", "[]:80", ":80"})
    void hostileEntryNeverBecomesTheClient(String entry) {
        assertThat(resolve(PROXY, "203.0.113.9, " + entry)).isEqualTo(PROXY);
    }

    @Test
    void missingPeerIsAProgrammingError() {
        assertThatThrownBy(() -> resolver.resolve(null, "203.0.113.9")).isInstanceOf(NullPointerException.class);
    }
}
