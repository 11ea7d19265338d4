package dev.tollgate.cli;

/** A command line that cannot be run as written (a value of the wrong form, a missing flag): exit 2. */
final class UsageException extends CliException {
    UsageException(String message) {
        super(message);
    }
}
