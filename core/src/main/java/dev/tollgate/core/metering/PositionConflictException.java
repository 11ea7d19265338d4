package dev.tollgate.core.metering;

/**
 * The ledger's drained position for a node was not the one a batch started from: the batch was
 * already applied (a commit whose answer was lost) or another process drains the same journal.
 * Nothing of the batch was applied.
 */
public final class PositionConflictException extends RuntimeException {
    public PositionConflictException(String message) {
        super(message);
    }
}
