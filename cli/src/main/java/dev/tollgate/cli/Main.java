package dev.tollgate.cli;

import dev.tollgate.client.ApiErrorException;
import dev.tollgate.client.CredentialsException;
import dev.tollgate.client.TokenRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code tollgate} command. */
@CommandLine.Command(name = "tollgate", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "Tollgate 0.1.0",
        description = "Authentication, authorization and accounting for any HTTP API.",
        subcommands = {ServeCommand.class, PrintTokenCommand.class, RotateMasterKeyCommand.class,
                AuthCommand.class, ConfigCommand.class, ProjectsCommand.class, ServicesCommand.class, ApiKeysCommand.class,
                OAuthClientsCommand.class, IamCommand.class, MembersCommand.class, QuotasCommand.class, UsageCommand.class,
                BillingCommand.class})
public final class Main implements Runnable {
    /**
     * A problem with the environment the node starts in (port, database, data folder, catalog, master key, Redis);
     * for the client commands, an error answered by the server, a network failure or missing credentials.
     */
    static final int START_FAILED = 1;
    /** The same code, named for the client commands. */
    static final int FAILED = 1;
    /** A problem with the command line itself: an unknown option or a value that is not valid for it. */
    static final int USAGE = 2;
    /** A deletion not confirmed: declined at the prompt, or no terminal to ask on and no {@code --quiet}. */
    static final int NOT_CONFIRMED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    Globals globals;

    public static void main(String[] args) {
        Globals.reset();
        int code = new CommandLine(new Main()).setParameterExceptionHandler(Main::oneLineUsageError)
                .setExecutionExceptionHandler(Main::oneLineFailure).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** One line naming the option, instead of the message followed by the whole usage text. */
    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("tollgate: " + oneLine(e.getMessage())
                + " (tollgate " + e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^tollgate ?", "")
                + " --help lists the options)");
        return USAGE;
    }

    /**
     * A command that failed says why in one line on standard error, with the server's status and reason when
     * the server refused: {@code tollgate: ERROR: 404 NOT_FOUND: Project nope was not found.}
     */
    private static int oneLineFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (commandLine.getCommand() instanceof ServeCommand || commandLine.getCommand() instanceof RotateMasterKeyCommand) {
            // The node's own failures keep their stack trace: they are for an operator reading a log.
            e.printStackTrace(err);
            return START_FAILED;
        }
        if (e instanceof UsageException) {
            err.println("tollgate: " + oneLine(e.getMessage()));
            return USAGE;
        }
        if (e instanceof Confirmation.NotConfirmedException) {
            err.println("tollgate: ERROR: " + oneLine(e.getMessage()));
            return NOT_CONFIRMED;
        }
        String message;
        if (e instanceof ApiErrorException api) {
            message = api.httpStatus() + (api.status() == null ? "" : " " + api.status())
                    + (api.reason() == null ? "" : " (" + api.reason() + ")") + ": " + api.getMessage().replaceFirst("^[^:]*: ", "");
        } else if (e instanceof TokenRequestException || e instanceof CredentialsException || e instanceof CliException) {
            message = e.getMessage();
        } else if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException) {
            message = "Cannot reach the server: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } else if (e instanceof IOException) {
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } else {
            e.printStackTrace(err);
            return FAILED;
        }
        err.println("tollgate: ERROR: " + oneLine(message));
        return FAILED;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
