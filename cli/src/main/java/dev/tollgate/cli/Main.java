package dev.tollgate.cli;

import picocli.CommandLine;

/** The {@code tollgate} command. */
@CommandLine.Command(name = "tollgate", mixinStandardHelpOptions = true, version = "Tollgate 0.1.0",
        description = "Authentication, authorization and accounting for any HTTP API.",
        subcommands = {ServeCommand.class, PrintTokenCommand.class, RotateMasterKeyCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
