package dev.tollgate.cli;

import dev.tollgate.protocol.admin.ServiceAccountKeyResource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate iam service-accounts}: a project's service accounts and their keys. */
@Command(name = "iam", description = "Service accounts and their keys.", subcommands = IamCommand.ServiceAccounts.class)
final class IamCommand {
    static final List<String> ACCOUNT_COLUMNS = List.of("email", "displayName", "disabled");
    static final List<String> KEY_COLUMNS = List.of("keyId", "createTime", "disabled", "keyOrigin");

    private IamCommand() {}

    @Command(name = "service-accounts", description = "Create, list, describe, disable, enable and delete service accounts.",
            subcommands = {Create.class, ListAccounts.class, Describe.class, Disable.class, Enable.class, Delete.class, Keys.class})
    static final class ServiceAccounts {}

    @Command(name = "create", description = "Create a service account ACCOUNT_ID@PROJECT.iam.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID") String accountId;
        @Option(names = "--display-name", description = "A name to show.") String displayName;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().createServiceAccount(session.project(), accountId, displayName), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's service accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listServiceAccounts(session.project()), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "describe", description = "Show a service account.")
    static final class Describe implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().getServiceAccount(session.project(), email), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable a service account: it gets no tokens until enabled.")
    static final class Disable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().setServiceAccountDisabled(session.project(), email, true), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a disabled service account.")
    static final class Enable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().setServiceAccountDisabled(session.project(), email, false), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a service account; its tokens and roles end.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String project = session.project();
            Confirmation.delete("Service account [" + email + "]");
            session.admin().deleteServiceAccount(project, email);
            Session.status("Deleted service account [" + email + "].");
            return 0;
        }
    }

    @Command(name = "keys", description = "A service account's keys.",
            subcommands = {KeyCreate.class, KeyList.class, KeyDisable.class, KeyDelete.class})
    static final class Keys {}

    /** The account a key command is about. */
    static final class IamAccount {
        @Option(names = "--iam-account", required = true, paramLabel = "EMAIL", description = "The service account.") String email;
    }

    @Command(name = "create", description = "Generate a key and write its key file to OUTPUT_FILE (readable by you only).")
    static final class KeyCreate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OUTPUT_FILE") Path output;
        @picocli.CommandLine.Mixin IamAccount account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            ServiceAccountKeyResource created = session.admin().createServiceAccountKey(session.project(), account.email);
            String keyFile = created.keyFileJson().orElseThrow(() -> new CliException("The server's answer has no key file."));
            session.dir.write(output.toAbsolutePath(), keyFile);
            Session.status("Created key [" + created.keyId() + "] of [" + account.email + "] and wrote it to [" + output + "].");
            return 0;
        }
    }

    @Command(name = "list", description = "List a service account's keys.")
    static final class KeyList implements Callable<Integer> {
        @picocli.CommandLine.Mixin IamAccount account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listServiceAccountKeys(session.project(), account.email), KEY_COLUMNS);
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable a key: tokens signed with it are refused.")
    static final class KeyDisable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;
        @picocli.CommandLine.Mixin IamAccount account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().setServiceAccountKeyDisabled(session.project(), account.email, keyId, true), KEY_COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a key.")
    static final class KeyDelete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;
        @picocli.CommandLine.Mixin IamAccount account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String project = session.project();
            Confirmation.delete("Key [" + keyId + "] of [" + account.email + "]");
            session.admin().deleteServiceAccountKey(project, account.email, keyId);
            Session.status("Deleted key [" + keyId + "] of [" + account.email + "].");
            return 0;
        }
    }
}
