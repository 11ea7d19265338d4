package dev.tollgate.core.audit;

import dev.tollgate.protocol.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Page tokens: opaque to readers, they name the last entry of a page and the query it belongs to,
 * so that a token is refused with any other query instead of quietly skipping entries. A token
 * gives no reach beyond the query it is used with: the query alone decides what may be read.
 */
final class AuditPageToken {
    private static final String VERSION = "a1";
    private static final int MAX_LENGTH = 200;

    private AuditPageToken() {}

    static String encode(AuditCursor after, String query) {
        String plain = VERSION + ":" + after.timeMillis() + ":" + after.sequence() + ":" + fingerprint(query);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The place a token names; a 400 INVALID_ARGUMENT for anything else, or for another query's token. */
    static AuditCursor decode(String token, String query) {
        if (token.length() > MAX_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[3].equals(fingerprint(query))) {
            throw invalid();
        }
        try {
            return new AuditCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String fingerprint(String query) {
        var crc = new CRC32();
        crc.update(query.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static RuntimeException invalid() {
        return ApiError.INVALID_ARGUMENT.exception("Invalid pageToken: use the nextPageToken of the same query.");
    }
}
