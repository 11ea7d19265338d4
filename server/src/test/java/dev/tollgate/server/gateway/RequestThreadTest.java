package dev.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestThreadTest {
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "writer"));

    @AfterEach
    void stop() {
        writer.shutdownNow();
    }

    @Test
    void stepHandedOverByAnotherThreadRunsOnTheThreadThatJoins() {
        var thread = new RequestThread();
        String joining = Thread.currentThread().getName();
        var call = CompletableFuture.runAsync(() -> { }, writer)
                .thenApplyAsync(charged -> Thread.currentThread().getName(), thread);

        assertThat(thread.join(call)).isEqualTo(joining);
    }

    @Test
    void callThatCompletesOnAnotherThreadWithoutAStepHereStillWakesTheJoiningThread() {
        var thread = new RequestThread();
        assertThat(thread.join(CompletableFuture.supplyAsync(() -> 7, writer))).isEqualTo(7);
    }

    @Test
    void failureIsRethrownAsItWasNotWrapped() {
        var thread = new RequestThread();
        var call = CompletableFuture.runAsync(() -> { }, writer).thenRunAsync(() -> {
            throw ApiError.BACKEND_UNAVAILABLE.exception();
        }, thread);

        assertThatThrownBy(() -> thread.join(call)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ApiError.BACKEND_UNAVAILABLE));
    }

    @Test
    void interruptWhileWaitingDoesNotAbandonTheCallAndIsKept() {
        var thread = new RequestThread();
        var charged = new CompletableFuture<Void>();
        var call = charged.thenApplyAsync(done -> "forwarded", thread);
        Thread.currentThread().interrupt();
        writer.execute(() -> charged.complete(null));

        assertThat(thread.join(call)).isEqualTo("forwarded");
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    }
}
