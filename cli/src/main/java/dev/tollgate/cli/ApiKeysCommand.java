package dev.tollgate.cli;

import java.io.IOException;
import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate api-keys} (also {@code tollgate services api-keys}, as gcloud has it): a project's API keys. */
@Command(name = "api-keys", description = "Create, list, describe, update and delete API keys.",
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Describe.class,
                ApiKeysCommand.Update.class, ApiKeysCommand.Delete.class})
final class ApiKeysCommand {
    static final List<String> COLUMNS = List.of("keyId", "displayName", "createTime");

    private ApiKeysCommand() {}

    @Command(name = "create", description = "Create an API key; its key string is shown in this answer only (keyString).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--display-name", description = "A name to show.") String displayName;
        @Mixin KeyRestrictionFlags restrictions;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            var created = session.admin().createKey(session.project(), displayName, restrictions.any() ? restrictions.toRestrictions() : null);
            Output.resource(System.out, created, List.of("keyId", "displayName", "keyString"));
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's API keys.")
    static final class ListKeys implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listKeys(session.project()), COLUMNS);
            return 0;
        }
    }

    @Command(name = "describe", description = "Show an API key (without its key string).")
    static final class Describe implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().getKey(session.project(), keyId), COLUMNS);
            return 0;
        }
    }

    @Command(name = "update", description = "Rename an API key or replace its restrictions.")
    static final class Update implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;
        @Option(names = "--display-name", description = "A new name to show.") String displayName;

        @Mixin KeyRestrictionFlags restrictions;
        @Option(names = "--clear-restrictions", description = "Remove every restriction.") boolean clear;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            if (clear && restrictions.any()) {
                throw new UsageException("--clear-restrictions cannot be combined with restriction flags.");
            }
            Optional<KeyRestrictionsResource> replaced = clear ? Optional.of(KeyRestrictionsResource.NONE)
                    : restrictions.any() ? Optional.of(restrictions.toRestrictions()) : Optional.empty();
            if (displayName == null && replaced.isEmpty()) {
                throw new UsageException("Nothing to update: give --display-name, restriction flags or --clear-restrictions.");
            }
            Output.resource(System.out, session.admin().updateKey(session.project(), keyId, Optional.ofNullable(displayName), replaced), COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an API key; calls with it fail at once.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String project = session.project();
            Confirmation.delete("API key [" + keyId + "]");
            session.admin().deleteKey(project, keyId);
            Session.status("Deleted API key [" + keyId + "].");
            return 0;
        }
    }
}
