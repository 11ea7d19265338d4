package dev.tollgate.cli;

import picocli.CommandLine;

/** The {@code tollgate} command. */
@CommandLine.Command(name = "tollgate", mixinStandardHelpOptions = true, version = "Tollgate 0.1.0",
        description = "Authentication, authorization and accounting for any HTTP API.",
        subcommands = {ServeCommand.class, PrintTokenCommand.class, RotateMasterKeyCommand.class})
public final class Main implements Runnable {
    /** A problem with the environment the node starts in: port, database, data folder, catalog, master key, Redis. */
    static final int START_FAILED = 1;
    /** A problem with the command line itself: an unknown option or a value that is not valid for it. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setParameterExceptionHandler(Main::oneLineUsageError).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** One line naming the option, instead of the message followed by the whole usage text. */
    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("tollgate: " + e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip()
                + " (tollgate " + e.getCommandLine().getCommandName() + " --help lists the options)");
        return USAGE;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
