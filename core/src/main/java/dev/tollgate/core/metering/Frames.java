package dev.tollgate.core.metering;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A journal frame: payload length (int), CRC32C of the length bytes and the payload (int), payload.
 * Covering the length by the checksum means a damaged length is caught too, not only a damaged body.
 */
final class Frames {
    static final int HEADER = 8;
    /** No valid record comes near this; a larger length is damage, not a record. */
    static final int MAX_PAYLOAD = 64 * 1024;

    private Frames() {}

    /** Fills in the length and checksum of a frame whose payload is already in place. */
    static void seal(byte[] frame) {
        int payloadLength = frame.length - HEADER;
        ByteBuffer.wrap(frame).putInt(0, payloadLength).putInt(4, checksum(frame, 0, frame, HEADER, payloadLength));
    }

    static int checksum(byte[] lengthBytes, int lengthOffset, byte[] payload, int payloadOffset, int payloadLength) {
        var crc = new CRC32C();
        crc.update(lengthBytes, lengthOffset, 4);
        crc.update(payload, payloadOffset, payloadLength);
        return (int) crc.getValue();
    }
}
