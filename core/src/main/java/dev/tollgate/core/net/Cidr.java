package dev.tollgate.core.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}; a bare
 * address is a block of one.
 *
 * <p>A block written with bits set beyond its prefix ({@code 203.0.113.7/24}) is rejected rather
 * than masked: it usually means the author wanted the single address, and silently widening an
 * allow-list is the wrong way to guess. IPv4-mapped IPv6 blocks ({@code ::ffff:203.0.113.0/120})
 * become the IPv4 block they describe, and IPv4-mapped addresses are matched as IPv4, because a
 * dual-stack socket reports IPv4 peers in that form. The IPv4 and IPv6 spaces are otherwise
 * separate: {@code ::/0} does not contain {@code 203.0.113.7}.
 */
public final class Cidr {
    private static final int MAX_LENGTH = 64;

    private final boolean ipv4;
    private final int prefixLength;
    // The block as two masked 64-bit halves (IPv4 in the low half), so contains() is two ANDs.
    private final long networkHigh;
    private final long networkLow;
    private final long maskHigh;
    private final long maskLow;

    private Cidr(byte[] address, int prefixLength) {
        this.ipv4 = address.length == 4;
        this.prefixLength = prefixLength;
        int highBits = ipv4 ? 0 : 64;
        int lowBits = ipv4 ? 32 : 64;
        this.maskHigh = mask(Math.min(prefixLength, highBits), highBits);
        this.maskLow = mask(Math.max(prefixLength - highBits, 0), lowBits);
        this.networkHigh = high(address) & maskHigh;
        this.networkLow = low(address) & maskLow;
    }

    /**
     * The block written as {@code text}: an address, or an address, "/" and a decimal prefix length.
     * Host names are rejected, never resolved.
     *
     * @throws IllegalArgumentException for anything else, with a message that says why
     */
    public static Cidr parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an IP address or CIDR block is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "it is too long");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpLiteral.toBytes(addressText);
        if (address == null) {
            throw invalid(text, "the address is not an IPv4 or IPv6 literal");
        }
        int bits = address.length * 8;
        int prefix = slash < 0 ? bits : parsePrefix(text, text.substring(slash + 1), bits);
        if (IpLiteral.isIpv4Mapped(address) && prefix >= 96) {
            address = new byte[] {address[12], address[13], address[14], address[15]};
            prefix -= 96;
        }
        var block = new Cidr(address, prefix);
        if (block.networkHigh != high(address) || block.networkLow != low(address)) {
            throw invalid(text, "it has bits set beyond the /" + prefix + " prefix; the block is " + block);
        }
        return block;
    }

    /** True if {@code address} lies in this block; IPv4-mapped IPv6 addresses count as IPv4. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        boolean addressIsIpv4 = bytes.length == 4 || IpLiteral.isIpv4Mapped(bytes);
        if (addressIsIpv4 != ipv4) {
            return false;
        }
        if (ipv4) {
            int offset = bytes.length - 4;
            return (readLong(bytes, offset, 4) & maskLow) == networkLow;
        }
        return (readLong(bytes, 0, 8) & maskHigh) == networkHigh && (readLong(bytes, 8, 8) & maskLow) == networkLow;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The canonical text: the bare address for a block of one, else {@code address/prefix}. */
    @Override
    public String toString() {
        byte[] bytes = networkBytes();
        String address = IpLiteral.format(bytes);
        return prefixLength == bytes.length * 8 ? address : address + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && ipv4 == other.ipv4 && prefixLength == other.prefixLength
                && networkHigh == other.networkHigh && networkLow == other.networkLow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ipv4, prefixLength, networkHigh, networkLow);
    }

    private static int parsePrefix(String text, String digits, int bits) {
        boolean wellFormed = !digits.isEmpty() && digits.length() <= 3 && !(digits.length() > 1 && digits.charAt(0) == '0')
                && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!wellFormed) {
            throw invalid(text, "the prefix length must be a decimal number from 0 to " + bits);
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > bits) {
            throw invalid(text, "the prefix length " + prefix + " is out of range 0-" + bits);
        }
        return prefix;
    }

    private byte[] networkBytes() {
        if (ipv4) {
            long v = networkLow;
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (networkHigh >>> (56 - 8 * i));
            out[8 + i] = (byte) (networkLow >>> (56 - 8 * i));
        }
        return out;
    }

    private static long high(byte[] address) {
        return address.length == 4 ? 0 : readLong(address, 0, 8);
    }

    private static long low(byte[] address) {
        return address.length == 4 ? readLong(address, 0, 4) : readLong(address, 8, 8);
    }

    private static long readLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }

    /** The top {@code ones} of {@code width} bits set. */
    private static long mask(int ones, int width) {
        if (ones == 0) {
            return 0;
        }
        long widthMask = width == 64 ? -1L : (1L << width) - 1;
        return widthMask & ~((1L << (width - ones)) - 1);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(IpLiteral.printable(text) + " is not a valid IP address or CIDR block: " + why);
    }
}
