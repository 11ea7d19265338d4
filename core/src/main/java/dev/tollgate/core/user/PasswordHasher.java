package dev.tollgate.core.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, with OWASP's recommended minimum cost
 * (19 MiB, 2 iterations, 1 lane). The parameters travel in the string so they can be raised later.
 *
 * <p>Each hash holds 19 MiB while it runs, so at most a few run at once (one per processor, at
 * least two): a burst of attempts then waits in line instead of exhausting the heap. New hashes
 * (sign-ups, password changes) may take all places but one, which stays for verifying passwords, so a
 * burst of sign-ups cannot starve sign-ins. Nobody waits in line longer than {@code maxWait}: past
 * it the attempt is answered {@link AccountProblem#SERVER_BUSY} instead of piling up.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

    /** The Argon2 computation, replaceable in tests by one they can hold up and watch. */
    interface Argon2 {
        byte[] compute(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length);
    }

    private final Argon2 argon2;
    /** Every Argon2 run holds one of these. */
    private final Semaphore running;
    /** New hashes hold one of these as well; there is one fewer, so one place is always left for verification. */
    private final Semaphore newHashes;
    private final long maxWaitNanos;

    /** One place per processor (at least two), waiting at most five seconds for one. */
    public PasswordHasher() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_MAX_WAIT, PasswordHasher::argon2);
    }

    PasswordHasher(int places, Duration maxWait, Argon2 argon2) {
        if (places < 2) {
            throw new IllegalArgumentException("at least two places: one is kept for verification");
        }
        this.argon2 = argon2;
        this.running = new Semaphore(places, true);
        this.newHashes = new Semaphore(places - 1, true);
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * @throws AccountException {@link AccountProblem#SERVER_BUSY} when no place frees up in time
     */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        long deadline = System.nanoTime() + maxWaitNanos;
        acquire(newHashes, deadline);
        byte[] hash;
        try {
            hash = run(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, deadline);
        } finally {
            newHashes.release();
        }
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String encoded) {
        try {
            String[] parts = encoded.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return false;
            }
            int m = 0, t = 0, p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = v;
                    case 't' -> t = v;
                    case 'p' -> p = v;
                    default -> { return false; }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = run(password, salt, m, t, p, expected.length, System.nanoTime() + maxWaitNanos);
            return MessageDigest.isEqual(expected, actual);
        } catch (AccountException e) {
            throw e;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How many new hashes wait for a place now (tests watch bursts with it). */
    int newHashesWaiting() {
        return newHashes.getQueueLength();
    }

    private byte[] run(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length, long deadline) {
        acquire(running, deadline);
        try {
            return argon2.compute(password, salt, memoryKib, iterations, parallelism, length);
        } finally {
            running.release();
        }
    }

    private static void acquire(Semaphore places, long deadline) {
        try {
            if (!places.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw AccountProblem.SERVER_BUSY.exception();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AccountProblem.SERVER_BUSY.exception();
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
        var generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
