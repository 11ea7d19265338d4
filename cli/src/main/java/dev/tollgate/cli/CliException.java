package dev.tollgate.cli;

/** A failure the command reports in one line and exits 1 for: something the user's state or the server refused. */
class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
