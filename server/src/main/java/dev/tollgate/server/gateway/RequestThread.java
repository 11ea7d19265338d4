package dev.tollgate.server.gateway;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a gateway call's later steps on the request thread that waits for the call, as the blocking
 * backend client needs: the step after the charge is handed here by the journal's writer, which must
 * not run it itself, and the request thread takes it up where it waits. One per call.
 */
final class RequestThread implements Executor {
    private static final Runnable WAKE_UP = () -> { };

    /** Not a LinkedTransferQueue: it spins and yields before parking, ≈ 1 sched_yield a call on two cores (docs/BENCHMARKS.md §4 round 6). */
    private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable step) {
        steps.add(step);
    }

    /**
     * Runs the steps handed here until {@code call} is done.
     *
     * @throws RuntimeException what {@code call} failed with
     */
    <T> T join(CompletionStage<T> call) {
        CompletableFuture<T> result = call.toCompletableFuture();
        result.whenComplete((outcome, failure) -> steps.add(WAKE_UP));
        boolean interrupted = false;
        while (!result.isDone()) {
            try {
                steps.take().run();
            } catch (InterruptedException e) {
                // The call's steps still have to run here, or nothing would: the interrupt is kept for after.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
