package dev.tollgate.core.metering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads frames of one segment from an offset up to a limit, checking each, and says why it stopped. */
final class FrameScanner {
    enum Stop {
        /** Every byte up to the limit was a good frame. */
        END,
        /** The bytes before the limit end inside a frame, or the file ends before the limit. */
        TORN,
        /** A frame's length is impossible or its checksum does not match. */
        DAMAGED
    }

    private final FileChannel channel;
    private final long limit;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * Frames.MAX_PAYLOAD).flip();
    private long offset;
    private Stop stop;
    private String problem = "";

    FrameScanner(FileChannel channel, long start, long limit) {
        this.channel = channel;
        this.offset = start;
        this.limit = limit;
    }

    /** @return the next payload, valid until the next call, or null once stopped (see {@link #stop()}) */
    ByteBuffer next() throws IOException {
        if (stop != null) {
            return null;
        }
        if (!fill(Frames.HEADER)) {
            if (!buffer.hasRemaining() && offset < limit) {
                // The file ends on a frame boundary but before the limit: acknowledged frames are missing.
                return stopped(Stop.TORN, "the file ends at offset " + offset + ", before " + limit);
            }
            return stopped(buffer.hasRemaining() ? Stop.TORN : Stop.END, "incomplete frame header");
        }
        int length = buffer.getInt(buffer.position());
        int checksum = buffer.getInt(buffer.position() + 4);
        if (length <= 0 || length > Frames.MAX_PAYLOAD) {
            return stopped(Stop.DAMAGED, "impossible frame length " + length);
        }
        if (!fill(Frames.HEADER + length)) {
            return stopped(Stop.TORN, "frame of " + length + " bytes cut short");
        }
        byte[] bytes = buffer.array();
        int at = buffer.position();
        if (Frames.checksum(bytes, at, bytes, at + Frames.HEADER, length) != checksum) {
            return stopped(Stop.DAMAGED, "checksum mismatch");
        }
        buffer.position(at + Frames.HEADER + length);
        offset += Frames.HEADER + length;
        return ByteBuffer.wrap(bytes, at + Frames.HEADER, length).slice();
    }

    /** Just after the last good frame. */
    long offset() { return offset; }

    Stop stop() { return stop; }

    String problem() { return problem; }

    private ByteBuffer stopped(Stop why, String detail) {
        stop = why;
        problem = why == Stop.END ? "" : detail;
        return null;
    }

    /** Makes {@code n} bytes from {@link #offset} available in the buffer, unless the limit or the file ends first. */
    private boolean fill(int n) throws IOException {
        while (buffer.remaining() < n) {
            long from = offset + buffer.remaining();
            long left = limit - from;
            if (left <= 0) {
                return false;
            }
            buffer.compact();
            buffer.limit(buffer.position() + (int) Math.min(buffer.remaining(), left));
            int read = channel.read(buffer, from);
            buffer.flip();
            if (read <= 0) {
                return false;
            }
        }
        return true;
    }
}
