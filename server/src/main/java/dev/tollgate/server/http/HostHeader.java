package dev.tollgate.server.http;

/** The {@code Host} header, read the one way every check of {@code --api-host} reads it. */
public final class HostHeader {
    private HostHeader() {}

    /** Whether a {@code Host} header (absent: null) names {@code hostName}, whatever its port and letter case. */
    public static boolean names(String header, String hostName) {
        return hostName.equalsIgnoreCase(withoutPort(header));
    }

    static String withoutPort(String header) {
        if (header == null) {
            return "";
        }
        if (header.startsWith("[")) {
            int close = header.indexOf(']');
            return close < 0 ? header : header.substring(0, close + 1);
        }
        int colon = header.indexOf(':');
        return colon < 0 ? header : header.substring(0, colon);
    }
}
