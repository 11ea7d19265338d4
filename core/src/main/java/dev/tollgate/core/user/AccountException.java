package dev.tollgate.core.user;

/** An {@link AccountProblem} raised by the account rules; never carries the password or its hash. */
public final class AccountException extends RuntimeException {
    private final AccountProblem problem;
    private final java.util.Optional<java.time.Duration> retryAfter;

    public AccountException(AccountProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
        this.retryAfter = java.util.Optional.empty();
    }

    public AccountException(AccountProblem problem, java.time.Duration retryAfter) {
        super(problem.message(), null, false, false);
        this.problem = problem;
        this.retryAfter = java.util.Optional.of(retryAfter);
    }

    public AccountProblem problem() { return problem; }

    /** How long to wait before trying again, when the refusal says (throttles). */
    public java.util.Optional<java.time.Duration> retryAfter() { return retryAfter; }
}
