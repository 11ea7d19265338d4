package dev.tollgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** IP literals and CIDR blocks (key restrictions, trusted proxies) and X-Forwarded-For. */
class AddressFuzzTest {

    private static final ClientAddressResolver RESOLVER = new ClientAddressResolver(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"), Cidr.parse("127.0.0.1")));
    private static final InetAddress TRUSTED_PEER = IpLiteral.parse("10.1.2.3");

    /**
     * Property: a literal either is refused (null bytes, IllegalArgumentException from parse) or
     * is 4 or 16 bytes whose canonical text parses back to the same bytes; nothing that contains a
     * letter outside a-f, a zone id or a leading-zero octet is accepted (no DNS, no octal reading).
     */
    @FuzzTest
    void literalRoundTripsThroughItsCanonicalText(byte[] data) {
        String text = FuzzInput.text(data);
        byte[] bytes = IpLiteral.toBytes(text);
        if (bytes == null) {
            try {
                IpLiteral.parse(text);
                throw new AssertionError("parse accepted what toBytes refused: " + text);
            } catch (IllegalArgumentException expected) {
                return;
            }
        }
        assertThat(bytes.length).isIn(4, 16);
        assertThat(text).matches("[0-9A-Fa-f:.]+");
        String canonical = IpLiteral.format(bytes);
        assertThat(IpLiteral.toBytes(canonical)).isEqualTo(bytes);
        assertThat(IpLiteral.format(IpLiteral.toBytes(canonical))).isEqualTo(canonical);
        for (String octet : text.substring(text.lastIndexOf(':') + 1).split("\\.", -1)) {
            if (text.indexOf('.') >= 0) {
                assertThat(octet.length() == 1 || !octet.startsWith("0")).as("octet %s of %s", octet, text).isTrue();
            }
        }
    }

    /**
     * Input: a block line, then an address line. Property: a block either is refused with
     * IllegalArgumentException or prints canonically and parses back equal; contains() agrees with
     * comparing the first prefix-length bits of the address bytes (IPv4-mapped addresses as IPv4).
     */
    @FuzzTest
    void cidrContainsAgreesWithTheAddressBits(byte[] data) {
        String[] parts = FuzzInput.twoParts(data);
        Cidr block;
        try {
            block = Cidr.parse(parts[0]);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(Cidr.parse(block.toString())).isEqualTo(block);
        byte[] address = IpLiteral.toBytes(parts[1]);
        if (address == null) {
            return;
        }
        boolean contained = block.contains(IpLiteral.toInetAddress(address));
        byte[] asFamily = IpLiteral.isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
        byte[] network = IpLiteral.toBytes(block.toString().split("/")[0]);
        byte[] network4 = IpLiteral.isIpv4Mapped(network) ? Arrays.copyOfRange(network, 12, 16) : network;
        boolean expected = asFamily.length == network4.length && samePrefix(asFamily, network4, block.prefixLength());
        assertThat(contained).as("%s contains %s", block, parts[1]).isEqualTo(expected);
    }

    /**
     * Input: an X-Forwarded-For header reaching us from a trusted proxy. Property: resolving never
     * throws; the client is the peer or an address written in the header, and every header entry to
     * its right is a trusted proxy, so a client can never choose the address it is seen as.
     */
    @FuzzTest
    void forwardedForClientIsTheRightmostUntrustedHop(byte[] data) {
        String header = FuzzInput.text(data);
        InetAddress client = RESOLVER.resolve(TRUSTED_PEER, header);
        assertThat(RESOLVER.resolve(IpLiteral.parse("203.0.113.9"), header)).isEqualTo(IpLiteral.parse("203.0.113.9"));
        if (client.equals(TRUSTED_PEER)) {
            return;
        }
        String[] entries = header.split(",", -1);
        List<InetAddress> toTheRight = new ArrayList<>();
        int found = -1;
        for (int i = entries.length - 1; i >= 0; i--) {
            InetAddress hop = hop(entries[i]);
            if (client.equals(hop)) {
                found = i;
                break;
            }
            toTheRight.add(hop);
        }
        assertThat(found).as("client %s is not in %s", client, header).isGreaterThanOrEqualTo(0);
        for (InetAddress proxy : toTheRight) {
            assertThat(proxy).isNotNull();
            assertThat(isTrusted(proxy)).as("%s right of the client", proxy).isTrue();
        }
    }

    private static boolean isTrusted(InetAddress address) {
        return Cidr.parse("10.0.0.0/8").contains(address) || Cidr.parse("fd00::/8").contains(address)
                || Cidr.parse("127.0.0.1").contains(address);
    }

    /** An entry as a reader would take it: trimmed, brackets and a port removed. */
    private static InetAddress hop(String entry) {
        String hop = entry.strip();
        if (hop.startsWith("[") && hop.indexOf(']') > 0) {
            hop = hop.substring(1, hop.indexOf(']'));
        } else if (hop.indexOf('.') >= 0 && hop.indexOf(':') > 0 && hop.indexOf(':') == hop.lastIndexOf(':')) {
            hop = hop.substring(0, hop.indexOf(':'));
        }
        byte[] bytes = IpLiteral.toBytes(hop);
        return bytes == null ? null : IpLiteral.toInetAddress(bytes);
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
