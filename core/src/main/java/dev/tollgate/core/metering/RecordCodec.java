package dev.tollgate.core.metering;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The binary form of a {@link UsageRecord}, version 2, big-endian: version byte, phase byte
 * ({@link UsageRecord.Phase} code; version 1 has none and is always complete), call id (2 longs),
 * time (epoch second long, nano int), project, API, method (strings), credential kind (byte),
 * credential id (string), user (presence byte, then string), status (int), bytes in, bytes out,
 * latency (longs). A string is an unsigned 16-bit UTF-8 length and its bytes. Chosen over one-line
 * JSON after measuring a typical call: 113 bytes framed against 288, and 45–110 ns to encode
 * against 680–1200 ns with Jackson.
 */
final class RecordCodec {
    static final byte VERSION = 2;
    /** Records written before calls had phases: read as {@link UsageRecord.Phase#COMPLETE}. */
    static final byte VERSION_WITHOUT_PHASE = 1;

    private RecordCodec() {}

    /** The record as a complete journal frame: header and payload. */
    static byte[] frame(UsageRecord r) {
        byte[] project = utf8(r.projectId());
        byte[] api = utf8(r.api());
        byte[] method = utf8(r.method());
        byte[] credential = utf8(r.credentialId());
        byte[] user = r.user().map(RecordCodec::utf8).orElse(null);
        int payloadSize = 2 + 16 + 12 + str(project) + str(api) + str(method) + 1 + str(credential)
                + 1 + (user == null ? 0 : str(user)) + 4 + 24;
        byte[] frame = new byte[Frames.HEADER + payloadSize];
        ByteBuffer b = ByteBuffer.wrap(frame, Frames.HEADER, payloadSize);
        b.put(VERSION).put(r.phase().code());
        b.putLong(r.callId().getMostSignificantBits()).putLong(r.callId().getLeastSignificantBits());
        b.putLong(r.time().getEpochSecond()).putInt(r.time().getNano());
        putString(b, project);
        putString(b, api);
        putString(b, method);
        b.put(r.credentialKind().code());
        putString(b, credential);
        b.put((byte) (user == null ? 0 : 1));
        if (user != null) {
            putString(b, user);
        }
        b.putInt(r.status()).putLong(r.bytesIn()).putLong(r.bytesOut()).putLong(r.latencyMicros());
        Frames.seal(frame);
        return frame;
    }

    /** @throws IllegalArgumentException when the payload is not a record of a version this code knows */
    static UsageRecord decode(ByteBuffer payload) {
        try {
            byte version = payload.get();
            UsageRecord.Phase phase;
            if (version == VERSION) {
                phase = UsageRecord.Phase.ofCode(payload.get());
            } else if (version == VERSION_WITHOUT_PHASE) {
                phase = UsageRecord.Phase.COMPLETE;
            } else {
                throw new IllegalArgumentException("record version " + version + " is not known to this version of Tollgate");
            }
            UUID callId = new UUID(payload.getLong(), payload.getLong());
            Instant time = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
            String project = getString(payload);
            String api = getString(payload);
            String method = getString(payload);
            CredentialKind kind = CredentialKind.ofCode(payload.get());
            String credential = getString(payload);
            Optional<String> user = payload.get() == 0 ? Optional.empty() : Optional.of(getString(payload));
            int status = payload.getInt();
            long bytesIn = payload.getLong();
            long bytesOut = payload.getLong();
            long latency = payload.getLong();
            if (payload.hasRemaining()) {
                throw new IllegalArgumentException(payload.remaining() + " unexpected bytes after the record");
            }
            return new UsageRecord(callId, time, project, api, method, kind, credential, user, status, bytesIn, bytesOut, latency, phase);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("record ends early", e);
        } catch (DateTimeException | ArithmeticException e) {
            // A time no Instant can hold was never written by Tollgate: damage, like any other bad field.
            throw new IllegalArgumentException("record time is out of range", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int str(byte[] bytes) {
        return 2 + bytes.length;
    }

    /** {@link UsageRecord} bounds its strings to 1024 chars, so their UTF-8 always fits 16 bits. */
    private static void putString(ByteBuffer b, byte[] bytes) {
        b.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer b) {
        int length = Short.toUnsignedInt(b.getShort());
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}
