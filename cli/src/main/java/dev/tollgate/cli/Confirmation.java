package dev.tollgate.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * gcloud's question before something is deleted: {@code X will be deleted. Do you want to continue (Y/n)?}.
 * {@code --quiet} answers yes. Without a terminal to ask on (a script, a pipe, standard input closed) nothing
 * is deleted: a script must say {@code --quiet} to delete, rather than delete because no one was there to say no.
 */
final class Confirmation {
    private Confirmation() {}

    /** Returns when the deletion of {@code what} (e.g. {@code API key [k1]}) may go ahead; throws otherwise. */
    static void delete(String what) throws IOException {
        if (Globals.quiet) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new NotConfirmedException(what + " was not deleted: there is no terminal to confirm on; give --quiet to delete without asking.");
        }
        ask(what, new BufferedReader(console.reader()), console.writer());
    }

    /** Asks on {@code out}, reads the answer from {@code in}: empty, {@code y} or {@code yes} go ahead. */
    static void ask(String what, BufferedReader in, PrintWriter out) throws IOException {
        out.print(what + " will be deleted.\n\nDo you want to continue (Y/n)?  ");
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
            out.println();
            throw new NotConfirmedException(what + " was not deleted: no answer (end of input); give --quiet to delete without asking.");
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if (!a.isEmpty() && !a.equals("y") && !a.equals("yes")) {
            throw new NotConfirmedException("Aborted by user: " + what + " was not deleted.");
        }
    }

    /** A deletion that was declined or could not be asked about. */
    static final class NotConfirmedException extends CliException {
        NotConfirmedException(String message) {
            super(message);
        }
    }
}
