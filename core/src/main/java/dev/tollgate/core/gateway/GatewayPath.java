package dev.tollgate.core.gateway;

import dev.tollgate.protocol.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before any method is matched, a request path a backend could resolve differently from
 * the gateway: the path that is matched is the path that is forwarded, so any segment whose
 * meaning depends on who decodes it is a 400. That is: dot segments in any encoding and with any
 * {@code ;params} ({@code ..}, {@code %2e%2E}, {@code .%2e;x}), encoded slashes ({@code %2f}),
 * backslashes ({@code \}, {@code %5c}), NUL and other control characters, malformed percent-escapes
 * and bytes that are not well-formed UTF-8 (overlong forms such as {@code %c0%ae} included).
 */
public final class GatewayPath {
    private GatewayPath() {}

    /** @param rawPath the request path as received, still percent-encoded */
    public static void check(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw refused();
        }
        int start = 1;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            checkSegment(rawPath.substring(start, end));
            start = end + 1;
        }
    }

    private static void checkSegment(String raw) {
        String decoded = decodeStrict(raw);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw refused();
            }
        }
        // A segment's ;params are dropped by some servers before resolving dot segments ("..;x" is "..").
        int semicolon = decoded.indexOf(';');
        String name = semicolon < 0 ? decoded : decoded.substring(0, semicolon);
        if (name.equals(".") || name.equals("..")) {
            throw refused();
        }
    }

    /** A loop, not {@code chars().allMatch}: this runs for every segment of every call. */
    private static boolean isAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String decodeStrict(String raw) {
        if (raw.indexOf('%') < 0 && isAscii(raw)) {
            return raw;
        }
        var bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw refused();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw refused();
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                throw refused();
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw refused();
        }
    }

    private static RuntimeException refused() {
        return ApiError.INVALID_ARGUMENT.exception("The request path has a segment a backend could read differently "
                + "(a dot segment, an encoded slash or backslash, a control character or malformed encoding).");
    }
}
