package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsArgon2idPhcStringThatVerifiesOnlyTheSamePassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("pw")).isNotEqualTo(hasher.hash("pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA", "$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$aGFzaA"})
    void malformedStoredHashNeverVerifies(String stored) {
        assertThat(hasher.verify("pw", stored)).isFalse();
    }

    /** An Argon2 that holds sign-up hashes ("new:" passwords) until released, and answers the rest at once. */
    private static final class HeldArgon2 implements PasswordHasher.Argon2 {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public byte[] compute(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
            if (password.startsWith("new:")) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
            }
            byte[] out = new byte[length];
            System.arraycopy(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, out, 0, Math.min(length, password.length()));
            return out;
        }
    }

    @Test
    void aBurstOfSignUpsLeavesAPlaceForSignIns() throws Exception {
        var argon2 = new HeldArgon2();
        var hasher = new PasswordHasher(3, java.time.Duration.ofMinutes(5), argon2);
        String stored = hasher.hash("correct horse");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var signUps = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 12; i++) {
                String password = "new:" + i;
                signUps.add(pool.submit(() -> hasher.hash(password)));
            }
            while (argon2.running.get() < 2 || hasher.newHashesWaiting() < 10) {
                Thread.onSpinWait();
            }
            assertThat(argon2.running.get()).as("sign-ups hashing at once").isEqualTo(2);
            assertThat(hasher.verify("correct horse", stored)).as("a sign-in completes during the burst").isTrue();
            assertThat(hasher.verify("wrong horse", stored)).isFalse();
            assertThat(signUps).noneMatch(java.util.concurrent.Future::isDone);

            argon2.release.countDown();
            for (var f : signUps) {
                assertThat(f.get()).startsWith("$argon2id$");
            }
            assertThat(argon2.mostAtOnce.get()).as("never more than all places but one").isEqualTo(2);
        } finally {
            argon2.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aSignUpThatFindsNoPlaceInTimeIsAnsweredBusyNotQueuedForever() throws Exception {
        var argon2 = new HeldArgon2();
        var hasher = new PasswordHasher(2, java.time.Duration.ZERO, argon2);
        String stored = hasher.hash("correct horse");
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> hasher.hash("new:first"));
            while (argon2.running.get() < 1) {
                Thread.onSpinWait();
            }
            try {
                hasher.hash("new:second");
                org.junit.jupiter.api.Assertions.fail("a second sign-up should find no place");
            } catch (AccountException e) {
                assertThat(e.problem()).isEqualTo(AccountProblem.SERVER_BUSY);
            }
            assertThat(hasher.verify("correct horse", stored)).as("verification still has its place").isTrue();
            argon2.release.countDown();
            assertThat(first.get()).startsWith("$argon2id$");
        } finally {
            argon2.release.countDown();
            pool.shutdownNow();
        }
    }
}
