package dev.tollgate.core.catalog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns one raw request path segment into the value a backend sees, refusing anything that could escape the segment. */
final class PathSegments {

    private PathSegments() {
    }

    /**
     * Decodes {@code path[start, end)} from percent-encoded UTF-8.
     *
     * @return the value, or {@code null} when the segment is malformed, is not valid UTF-8 (including
     *     overlong forms), or decodes to '.', '..' or to something containing '/'; such values would
     *     let a caller address a different resource on the backend than the one that was authorized
     */
    static String decode(String path, int start, int end) {
        int percent = path.indexOf('%', start);
        String value = percent < 0 || percent >= end ? path.substring(start, end) : decodePercents(path, start, end);
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0) {
            return null;
        }
        return value;
    }

    private static String decodePercents(String path, int start, int end) {
        StringBuilder decoded = new StringBuilder(end - start);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate((end - start) / 3);
        int i = start;
        while (i < end) {
            char c = path.charAt(i);
            if (c != '%') {
                decoded.append(c);
                i++;
                continue;
            }
            // A run of %XX escapes is one UTF-8 byte sequence; decode it as a whole so multi-byte
            // characters survive and truncated ones are rejected.
            bytes.clear();
            while (i < end && path.charAt(i) == '%') {
                int high = i + 1 < end ? hexValue(path.charAt(i + 1)) : -1;
                int low = i + 2 < end ? hexValue(path.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high << 4 | low));
                i += 3;
            }
            bytes.flip();
            try {
                CharBuffer chars = utf8.reset().decode(bytes);
                decoded.append(chars);
            } catch (CharacterCodingException e) {
                return null;
            }
        }
        return decoded.toString();
    }

    // Character.digit would also accept non-ASCII digits such as U+0663, which are not escapes.
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
}
