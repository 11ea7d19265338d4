package dev.tollgate.core.token;

import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.Scopes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens that carry their own record: {@code tga_}, then base64url of a random 128-bit salt and
 * the record sealed with AES-256-GCM, then the 6-character base62 CRC-32 of everything before it (as on
 * every other Tollgate secret, so that a mistyped or truncated token is refused without any work, and a
 * leak scanner can tell a token from noise). Minting one writes nothing; any node holding the master key
 * opens it, since the key is derived from the master key. The record is encrypted, not only signed:
 * a token shows its holder nothing of whom it speaks for. Ending a token before it expires is the
 * {@link RevokedAccessTokens} list's work.
 *
 * <p>Each token is sealed under a key of its own, HKDF-Expand(tokens key, salt), used once: GCM's limit
 * of 2^32 random nonces per key, which a busy node would pass within days, never applies, and the nonce
 * can be fixed. The salt doubles as the token's id: unique per token, and known only from the token.
 */
public final class AccessTokenSeal {
    private static final String PREFIX = "tga_";
    private static final String KEY_PURPOSE = "tollgate access tokens v1";
    private static final byte[] ASSOCIATED_DATA = "tga1".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int SALT_BYTES = 16;
    /** Every key seals exactly one token, so one nonce serves them all. */
    private static final byte[] NONCE = new byte[12];
    private static final int TAG_BITS = 128;
    private static final int CHECKSUM_CHARS = 6;
    /** Far above any real token (≈ 300–600 characters; about 80 more per scope); stops a long string before any decoding. */
    static final int MAX_LENGTH = 8192;
    private static final int MIN_LENGTH = PREFIX.length() + (SALT_BYTES + TAG_BITS / 8 + 8) * 4 / 3 + CHECKSUM_CHARS;
    /** A DRBG (NIST SP 800-90A) seeded once from the system: the default NativePRNG reads /dev/urandom every few calls. */
    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final ThreadLocal<Mac> keyDerivation;

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private AccessTokenSeal(byte[] tokensKey) {
        var hmacKey = new SecretKeySpec(tokensKey, "HmacSHA256");
        Arrays.fill(tokensKey, (byte) 0);
        this.keyDerivation = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(hmacKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** HKDF-Expand (RFC 5869 §2.3) of one block, the salt as info: the AES-256 key of one token. */
    private SecretKeySpec tokenKey(byte[] body) {
        Mac mac = keyDerivation.get();
        mac.update(body, 0, SALT_BYTES);
        mac.update((byte) 1);
        return new SecretKeySpec(mac.doFinal(), "AES");
    }

    /** The seal every node holding this master key shares. Another master key opens none of its tokens. */
    public static AccessTokenSeal derivedFrom(MasterKey masterKey) {
        return new AccessTokenSeal(masterKey.derive(KEY_PURPOSE, 32));
    }

    /** Seals the record into a token; the record's {@code tokenId} is replaced by the token's own. */
    public Sealed seal(AccessToken.SubjectKind kind, String subjectId, String email, String clientId, String projectId,
                       Scopes scopes, Instant issueTime, Instant expireTime, String source) {
        Instant issued = issueTime.truncatedTo(ChronoUnit.MICROS);
        Instant expires = expireTime.truncatedTo(ChronoUnit.MILLIS);
        byte[] plain = encode(kind, subjectId, email, clientId, projectId, scopes, issued, expires, source);
        byte[] sealed = new byte[SALT_BYTES + plain.length + TAG_BITS / 8];
        RANDOM.nextBytes(sealed);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, tokenKey(sealed), new GCMParameterSpec(TAG_BITS, NONCE));
            cipher.updateAAD(ASSOCIATED_DATA);
            cipher.doFinal(plain, 0, plain.length, sealed, SALT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        var token = new StringBuilder(PREFIX.length() + sealed.length * 4 / 3 + 3 + CHECKSUM_CHARS).append(PREFIX)
                .append(ENCODER.encodeToString(sealed));
        Secrets.appendChecksum(token);
        var record = new AccessToken(ENCODER.encodeToString(Arrays.copyOf(sealed, SALT_BYTES)), kind, subjectId, email, clientId, projectId, scopes,
                issued, expires, source);
        return new Sealed(token.toString(), record);
    }

    /** A token and the record sealed in it. */
    public record Sealed(String token, AccessToken record) {}

    /** Shaped like a token: prefix, length, alphabet and checksum. Says nothing of whether this node sealed it. */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH
                || !candidate.startsWith(PREFIX)) {
            return false;
        }
        int bodyEnd = candidate.length() - CHECKSUM_CHARS;
        for (int i = PREFIX.length(); i < bodyEnd; i++) {
            char c = candidate.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return Secrets.hasValidChecksum(candidate);
    }

    /** The record a token carries; empty when it is not well formed, was not sealed with this key, or was changed. */
    public Optional<AccessToken> open(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = DECODER.decode(token.substring(PREFIX.length(), token.length() - CHECKSUM_CHARS));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (sealed.length < SALT_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, tokenKey(sealed), new GCMParameterSpec(TAG_BITS, NONCE));
            cipher.updateAAD(ASSOCIATED_DATA);
            plain = cipher.doFinal(sealed, SALT_BYTES, sealed.length - SALT_BYTES);
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        return decode(ENCODER.encodeToString(Arrays.copyOf(sealed, SALT_BYTES)), plain);
    }

    private static byte[] encode(AccessToken.SubjectKind kind, String subjectId, String email, String clientId, String projectId,
                                 Scopes scopes, Instant issued, Instant expires, String source) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(kind.ordinal());
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, issued));
            out.writeLong(expires.toEpochMilli());
            writeNullable(out, subjectId);
            writeNullable(out, email);
            writeNullable(out, clientId);
            writeNullable(out, projectId);
            out.writeUTF(scopes.toString());
            writeNullable(out, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Only a record this class sealed gets here (the tag held), so a decoding failure is a format this version does not know. */
    private static Optional<AccessToken> decode(String tokenId, byte[] plain) {
        try (var in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            int kind = in.readByte();
            if (kind < 0 || kind >= AccessToken.SubjectKind.values().length) {
                return Optional.empty();
            }
            Instant issued = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
            Instant expires = Instant.ofEpochMilli(in.readLong());
            String subjectId = readNullable(in);
            String email = readNullable(in);
            String clientId = readNullable(in);
            String projectId = readNullable(in);
            Scopes scopes = Scopes.ofStored(in.readUTF());
            String source = readNullable(in);
            return Optional.of(new AccessToken(tokenId, AccessToken.SubjectKind.values()[kind], subjectId, email, clientId,
                    projectId, scopes, issued, expires, source));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    @Override
    public String toString() {
        return "AccessTokenSeal[hidden]";
    }
}
