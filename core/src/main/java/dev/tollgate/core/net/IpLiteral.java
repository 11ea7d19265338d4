package dev.tollgate.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Textual IP addresses, parsed and printed without ever consulting DNS.
 *
 * <p>{@link InetAddress#getByName} resolves anything that is not a literal, so a hostile string
 * would turn a configuration check or a header into a DNS query; this parser accepts literals only,
 * and only in their unambiguous forms: no leading zeros in IPv4 octets (which some parsers read as
 * octal), no shortened IPv4 forms, no IPv6 zone ids.
 */
public final class IpLiteral {
    /** The longest literal: eight groups of four hex digits, or six and a dotted quad. */
    private static final int MAX_LENGTH = 45;

    private IpLiteral() {}

    /** The address written as {@code text}; IllegalArgumentException if it is not an IP literal. */
    public static InetAddress parse(String text) {
        byte[] bytes = toBytes(text);
        if (bytes == null) {
            throw new IllegalArgumentException(printable(text) + " is not an IPv4 or IPv6 address");
        }
        return toInetAddress(bytes);
    }

    /** The canonical text of an address: dotted decimal, or RFC 5952 for IPv6 (no zone id). */
    public static String format(InetAddress address) {
        return format(address.getAddress());
    }

    /** 4 or 16 bytes, or null if {@code text} is not an IP literal. */
    static byte[] toBytes(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    static InetAddress toInetAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }

    static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        if (isIpv4Mapped(bytes)) {
            return "::ffff:" + format(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        }
        return formatIpv6Groups(bytes);
    }

    /** Quoted, escaped and truncated so that hostile input cannot forge log lines or messages. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        var out = new StringBuilder(80).append('"');
        int i = 0;
        for (; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(i < text.length() ? "...\"" : "\"").toString();
    }

    private static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        return parseIpv4Into(text, out, 0) ? out : null;
    }

    private static boolean parseIpv4Into(String text, byte[] out, int offset) {
        int octet = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            if (octet == 4) {
                return false;
            }
            int value = parseDecimalOctet(text, start, i);
            if (value < 0) {
                return false;
            }
            out[offset + octet++] = (byte) value;
            start = i + 1;
        }
        return octet == 4;
    }

    private static int parseDecimalOctet(String text, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = parseGroups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : parseGroups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int groups = head.length + tail.length;
        if (gap < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            putGroup(out, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            putGroup(out, 8 - tail.length + i, tail[i]);
        }
        return out;
    }

    /** The 16-bit groups of one side of "::"; a trailing dotted quad counts as two groups. */
    private static int[] parseGroups(String part, boolean dottedQuadAllowed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int last = pieces.length - 1;
        boolean dottedQuad = pieces[last].indexOf('.') >= 0;
        if (dottedQuad && !dottedQuadAllowed) {
            return null;
        }
        int[] groups = new int[pieces.length + (dottedQuad ? 1 : 0)];
        for (int i = 0; i < pieces.length; i++) {
            if (i == last && dottedQuad) {
                byte[] quad = new byte[4];
                if (!parseIpv4Into(pieces[i], quad, 0)) {
                    return null;
                }
                groups[i] = (quad[0] & 0xff) << 8 | (quad[1] & 0xff);
                groups[i + 1] = (quad[2] & 0xff) << 8 | (quad[3] & 0xff);
            } else {
                groups[i] = parseHexGroup(pieces[i]);
                if (groups[i] < 0) {
                    return null;
                }
            }
        }
        return groups;
    }

    private static int parseHexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            int digit = hexValue(piece.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** ASCII only: Character.digit would also accept fullwidth and other Unicode digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static void putGroup(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >>> 8);
        out[2 * group + 1] = (byte) value;
    }

    private static String formatIpv6Groups(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        var out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
