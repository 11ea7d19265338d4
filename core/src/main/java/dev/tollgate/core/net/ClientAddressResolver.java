package dev.tollgate.core.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Finds the address of the client behind the reverse proxies this server trusts.
 *
 * <p>X-Forwarded-For is written by whoever sent the request, so only the entries appended by
 * trusted proxies mean anything. The header is therefore read from the right, the end our own
 * proxies append to, and the first address not belonging to a trusted proxy is the client. Entries
 * to its left were chosen by that client and are never returned.
 */
public final class ClientAddressResolver {
    private final Cidr[] trustedProxies;

    public ClientAddressResolver(List<Cidr> trustedProxies) {
        this.trustedProxies = trustedProxies.toArray(Cidr[]::new);
        for (Cidr proxy : this.trustedProxies) {
            Objects.requireNonNull(proxy, "trusted proxy");
        }
    }

    /**
     * The client's address: {@code peer} itself unless it is a trusted proxy, otherwise the
     * right-most X-Forwarded-For entry that is not a trusted proxy. A malformed entry ends the walk
     * at the last trusted hop, since nothing to its left can be trusted to be what it claims.
     *
     * @param peer the address the connection came from
     * @param xForwardedFor the header, several occurrences joined by ", "; null if absent
     */
    public InetAddress resolve(InetAddress peer, String xForwardedFor) {
        Objects.requireNonNull(peer, "peer");
        InetAddress lastTrusted = peer;
        if (!isTrusted(peer) || xForwardedFor == null) {
            return peer;
        }
        int end = xForwardedFor.length();
        while (end >= 0) {
            int comma = xForwardedFor.lastIndexOf(',', end - 1);
            InetAddress hop = parseHop(xForwardedFor.substring(comma + 1, end));
            if (hop == null) {
                return lastTrusted;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            lastTrusted = hop;
            end = comma;
        }
        return lastTrusted;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address, optionally with a port ({@code 203.0.113.7:443}, {@code [2001:db8::1]:443}). */
    private static InetAddress parseHop(String entry) {
        String hop = entry.strip();
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            if (close < 0 || !isPortSuffix(hop, close + 1)) {
                return null;
            }
            hop = hop.substring(1, close);
        } else {
            int colon = hop.indexOf(':');
            if (colon >= 0 && hop.indexOf('.') >= 0 && hop.indexOf(':', colon + 1) < 0) {
                if (!isPortSuffix(hop, colon)) {
                    return null;
                }
                hop = hop.substring(0, colon);
            }
        }
        byte[] bytes = IpLiteral.toBytes(hop);
        return bytes == null ? null : IpLiteral.toInetAddress(bytes);
    }

    /** True if {@code text} ends at {@code from} or continues with ":" and 1-5 digits. */
    private static boolean isPortSuffix(String text, int from) {
        if (from == text.length()) {
            return true;
        }
        int digits = text.length() - from - 1;
        if (text.charAt(from) != ':' || digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from + 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
