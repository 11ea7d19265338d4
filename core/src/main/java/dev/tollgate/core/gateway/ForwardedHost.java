package dev.tollgate.core.gateway;

/** Whether a Host header is safe to repeat in {@code Forwarded: host="…"} and {@code X-Forwarded-Host}. */
final class ForwardedHost {
    private ForwardedHost() {}

    /** A host name or address with an optional port: letters, digits, {@code .-:[]} only, at most 255 characters. */
    static boolean isToken(String host) {
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
