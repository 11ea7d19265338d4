package dev.tollgate.cli;

import dev.tollgate.protocol.admin.QuotaOverrides;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate quotas}: a project's quota limits and overrides. */
@Command(name = "quotas", description = "List the project's quota limits and set overrides.",
        subcommands = {QuotasCommand.ListQuotas.class, QuotasCommand.Set.class})
final class QuotasCommand {
    static final List<String> COLUMNS = List.of("service", "name", "window", "per", "defaultLimit", "effectiveLimit");

    private QuotasCommand() {}

    @Command(name = "list", description = "List the project's quota limits.")
    static final class ListQuotas implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listQuotas(session.project()), COLUMNS);
            return 0;
        }
    }

    @Command(name = "set", description = "Override a quota's limit (editors may only lower it), or remove the override with --clear.")
    static final class Set implements Callable<Integer> {
        @Option(names = "--service", required = true) String service;
        @Option(names = "--name", required = true, description = "The quota's name in the catalog.") String name;
        @Option(names = "--limit", description = "The new limit.") Long limit;
        @Option(names = "--clear", description = "Remove the override: the catalog's limit applies again.") boolean clear;

        @Override
        public Integer call() throws IOException {
            if ((limit == null) == !clear) {
                throw new UsageException("Give either --limit N or --clear.");
            }
            Session session = Session.open();
            Output.list(System.out, session.admin().setQuotas(session.project(), List.of(new QuotaOverrides.Override(service, name, limit))),
                    COLUMNS);
            return 0;
        }
    }
}
