package dev.tollgate.core.user;

/** An {@link AccountProblem} raised by the account rules; never carries the password or its hash. */
public final class AccountException extends RuntimeException {
    private final AccountProblem problem;

    public AccountException(AccountProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    public AccountProblem problem() { return problem; }
}
