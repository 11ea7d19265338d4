package dev.tollgate.cli;

import dev.tollgate.client.admin.BillingUpdate;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate billing}: the project's billing account and monthly statements. */
@Command(name = "billing", description = "The project's billing account and statements.",
        subcommands = {BillingCommand.Describe.class, BillingCommand.Update.class, BillingCommand.Statements.class})
final class BillingCommand {
    static final List<String> COLUMNS = List.of("enabled", "monthlyBudget");

    private BillingCommand() {}

    @Command(name = "describe", description = "Show whether billing is on and the monthly budget.")
    static final class Describe implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().getBilling(session.project()), COLUMNS);
            return 0;
        }
    }

    @Command(name = "update", description = "Turn billing on or off, set or remove the monthly budget.")
    static final class Update implements Callable<Integer> {
        @Option(names = "--enabled", negatable = true, description = "Turn billing on (--no-enabled: off).") Boolean enabled;
        @Option(names = "--monthly-budget", paramLabel = "AMOUNT", description = "A decimal amount, e.g. 250.00.") String budget;
        @Option(names = "--clear-monthly-budget", description = "Remove the budget.") boolean clearBudget;

        @Override
        public Integer call() throws IOException {
            if (budget != null && clearBudget) {
                throw new UsageException("--monthly-budget and --clear-monthly-budget exclude each other.");
            }
            BillingUpdate update = BillingUpdate.none();
            if (enabled != null) {
                update = update.enabled(enabled);
            }
            if (budget != null) {
                update = update.monthlyBudget(budget);
            }
            if (clearBudget) {
                update = update.clearMonthlyBudget();
            }
            if (update.isEmpty()) {
                throw new UsageException("Nothing to update: give --enabled, --no-enabled, --monthly-budget or --clear-monthly-budget.");
            }
            Session session = Session.open();
            Output.resource(System.out, session.admin().updateBilling(session.project(), update), COLUMNS);
            return 0;
        }
    }

    @Command(name = "statements", description = "Monthly statements.", subcommands = Get.class)
    static final class Statements {}

    @Command(name = "get", description = "Show a month's statement (YYYY-MM), or print it as CSV.")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "YYYY-MM") String month;
        @Option(names = "--csv", description = "Print the statement as CSV, as the server writes it.") boolean csv;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            if (csv) {
                System.out.print(session.admin().getStatementCsv(session.project(), month));
                System.out.flush();
            } else {
                Output.resource(System.out, session.admin().getStatement(session.project(), month), List.of("month", "currency", "total"));
            }
            return 0;
        }
    }
}
