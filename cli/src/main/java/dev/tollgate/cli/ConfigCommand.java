package dev.tollgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate config}: the properties of the active configuration, and named configurations. */
@Command(name = "config", description = "Set and read the endpoint, project and account the commands use.",
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class, ConfigCommand.ListProperties.class,
                ConfigCommand.Unset.class, ConfigCommand.ConfigurationsCommand.class})
final class ConfigCommand {
    private ConfigCommand() {}

    @Command(name = "set", description = "Set a property (endpoint, project, account) of the active configuration.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROPERTY") String property;
        @Parameters(index = "1", paramLabel = "VALUE") String value;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Configurations.check(property);
            if (property.equals("account") && !session.accounts.exists(value)) {
                throw new CliException("The account " + value + " is not signed in here; `tollgate auth list` lists the accounts.");
            }
            session.configurations.set(property, value);
            Session.status("Updated property [" + property + "].");
            return 0;
        }
    }

    @Command(name = "unset", description = "Remove a property from the active configuration.")
    static final class Unset implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROPERTY") String property;

        @Override
        public Integer call() throws IOException {
            Session.open().configurations.set(property, null);
            Session.status("Unset property [" + property + "].");
            return 0;
        }
    }

    @Command(name = "get", description = "Print a property of the active configuration; exits 1 when it is not set.")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROPERTY") String property;

        @Override
        public Integer call() throws IOException {
            String value = Session.open().configurations.get(property).orElseThrow(() ->
                    new CliException("The property " + property + " is not set."));
            System.out.println(value);
            return 0;
        }
    }

    @Command(name = "list", description = "List the properties of the active configuration.")
    static final class ListProperties implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            ObjectNode node = new ObjectMapper().createObjectNode();
            session.configurations.properties(session.configurations.active()).forEach(node::put);
            Output.resource(System.out, node, List.copyOf(Configurations.PROPERTIES));
            return 0;
        }
    }

    @Command(name = "configurations", description = "Named configurations: create, activate, list.",
            subcommands = {Create.class, Activate.class, ListConfigurations.class})
    static final class ConfigurationsCommand {}

    @Command(name = "create", description = "Create a configuration and make it active.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            session.configurations.create(name);
            session.configurations.activate(name);
            Session.status("Created [" + name + "] and activated it.");
            return 0;
        }
    }

    @Command(name = "activate", description = "Make a configuration the active one.")
    static final class Activate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            Session.open().configurations.activate(name);
            Session.status("Activated [" + name + "].");
            return 0;
        }
    }

    @Command(name = "list", description = "List the configurations; the active one is marked.")
    static final class ListConfigurations implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String active = session.configurations.active();
            ArrayNode rows = new ObjectMapper().createArrayNode();
            for (String name : session.configurations.names()) {
                ObjectNode row = rows.addObject().put("name", name).put("isActive", name.equals(active));
                session.configurations.properties(name).forEach(row::put);
            }
            Output.list(System.out, rows, List.of("name", "isActive", "account", "project", "endpoint"));
            return 0;
        }
    }
}
