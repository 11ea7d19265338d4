package dev.tollgate.core.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The key that seals secrets Tollgate must keep readable for itself (the ID-token signing keys):
 * AES-256-GCM, a fresh random 96-bit nonce per sealing, and the sealed value's name (a key id) as
 * associated data, so a sealed value moved to another row does not open.
 *
 * <p>A sealed value is {@code v1.} followed by base64 of nonce, ciphertext and tag.
 */
public final class MasterKey {
    public static final int BYTES = 32;
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    public static MasterKey generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new MasterKey(key);
    }

    /**
     * Key material as given in {@code TOLLGATE_MASTER_KEY} or a master-key file: 32 bytes in base64
     * (standard or URL-safe alphabet, surrounding white space ignored).
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the material
     */
    public static MasterKey parse(String material) {
        String text = material == null ? "" : material.strip();
        byte[] decoded;
        try {
            decoded = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not base64");
        }
        if (decoded.length != BYTES) {
            throw new IllegalArgumentException("the master key must be " + BYTES + " bytes (44 characters of base64), not " + decoded.length);
        }
        return new MasterKey(decoded);
    }

    /** The key material in standard base64, as {@link #parse} reads it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * A key for one purpose, derived with HKDF-SHA256 (RFC 5869), so that every node holding the master
     * key derives the same one and no further secret has to be stored or shared.
     */
    public byte[] derive(String purpose, int bytes) {
        var hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(key, null, purpose.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[bytes];
        hkdf.generateBytes(out, 0, bytes);
        return out;
    }

    public String seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws SealBrokenException when {@code sealed} was not sealed by this key for {@code associatedData},
     *                             or was changed since
     */
    public byte[] open(String sealed, String associatedData) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SealBrokenException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealBrokenException("not a sealed value");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealBrokenException("too short to be a sealed value");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), associatedData);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealBrokenException("sealed under another master key, or changed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }
}
