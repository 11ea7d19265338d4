package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedInsertsTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aCallerAloneWritesItsRowAtOnce() {
        var inserts = new GroupedInserts<String>(this::recordBatch, written::add);
        inserts.insert("a");
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void rowsWaitingWhileOneIsWrittenGoTogetherInTheNextBatch() throws Exception {
        var firstBatchStarted = new CountDownLatch(1);
        var releaseFirstBatch = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var inserts = new GroupedInserts<String>(rows -> {
            if (calls.getAndIncrement() == 0) {
                firstBatchStarted.countDown();
                await(releaseFirstBatch);
            }
            recordBatch(rows);
        }, written::add);
        Future<?> first = callers.submit(() -> inserts.insert("first"));
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        var others = new ArrayList<Future<?>>();
        for (int i = 0; i < 10; i++) {
            String row = "row-" + i;
            others.add(callers.submit(() -> inserts.insert(row)));
        }
        awaitWaiting(inserts, 10);
        releaseFirstBatch.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly("first");
        assertThat(batches.get(1)).hasSize(10).allMatch(r -> r.startsWith("row-"));
    }

    @Test
    void aBadRowInABatchFailsOnlyItsOwnCaller() throws Exception {
        var firstBatchStarted = new CountDownLatch(1);
        var releaseFirstBatch = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var inserts = new GroupedInserts<String>(rows -> {
            if (calls.getAndIncrement() == 0) {
                firstBatchStarted.countDown();
                await(releaseFirstBatch);
            }
            if (rows.contains("bad")) {
                throw new IllegalStateException("batch refused");
            }
            recordBatch(rows);
        }, row -> {
            if (row.equals("bad")) {
                throw new IllegalArgumentException("bad row");
            }
            written.add(row);
        });
        Future<?> first = callers.submit(() -> inserts.insert("first"));
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> good = callers.submit(() -> inserts.insert("good"));
        Future<?> bad = callers.submit(() -> inserts.insert("bad"));
        awaitWaiting(inserts, 2);
        releaseFirstBatch.countDown();
        first.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(written).contains("first", "good").doesNotContain("bad");
    }

    @Test
    void moreRowsThanOneBatchTakesAreAllWritten() throws Exception {
        var firstBatchStarted = new CountDownLatch(1);
        var releaseFirstBatch = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var inserts = new GroupedInserts<String>(rows -> {
            if (calls.getAndIncrement() == 0) {
                firstBatchStarted.countDown();
                await(releaseFirstBatch);
            }
            recordBatch(rows);
        }, written::add);
        Future<?> first = callers.submit(() -> inserts.insert("first"));
        assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        int many = GroupedInserts.MAX_BATCH + 44;
        var others = new ArrayList<Future<?>>();
        for (int i = 0; i < many; i++) {
            String row = "row-" + i;
            others.add(callers.submit(() -> inserts.insert(row)));
        }
        awaitWaiting(inserts, many);
        releaseFirstBatch.countDown();
        for (Future<?> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }
        first.get(10, TimeUnit.SECONDS);
        assertThat(batches).allMatch(b -> b.size() <= GroupedInserts.MAX_BATCH);
        assertThat(written).hasSize(many + 1).doesNotHaveDuplicates();
    }

    private void recordBatch(List<String> rows) {
        batches.add(List.copyOf(rows));
        written.addAll(rows);
    }

    private static void awaitWaiting(GroupedInserts<?> inserts, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inserts.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + inserts.waiting() + " rows waiting, expected " + count);
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
