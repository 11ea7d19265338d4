package dev.tollgate.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate services}: the catalog's APIs a project may call. */
@Command(name = "services", description = "List the catalog's APIs and enable or disable them for the project.",
        subcommands = {ServicesCommand.ListServices.class, ServicesCommand.Enable.class, ServicesCommand.Disable.class,
                ApiKeysCommand.class})
final class ServicesCommand {
    static final List<String> COLUMNS = List.of("name", "title", "enabled");

    private ServicesCommand() {}

    @Command(name = "list", description = "List the catalog's APIs and whether the project may call each.")
    static final class ListServices implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listServices(session.project()), COLUMNS);
            return 0;
        }
    }

    @Command(name = "enable", description = "Let the project call an API.")
    static final class Enable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "API") String api;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().enableService(session.project(), api), COLUMNS);
            return 0;
        }
    }

    @Command(name = "disable", description = "Stop the project calling an API.")
    static final class Disable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "API") String api;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().disableService(session.project(), api), COLUMNS);
            return 0;
        }
    }
}
