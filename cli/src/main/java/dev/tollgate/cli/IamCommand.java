package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
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

    static String accountPath(Session session, String email) throws IOException {
        return session.projectPath("/serviceAccounts" + (email == null ? "" : "/" + Session.segment(email)));
    }

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
            var body = new LinkedHashMap<String, Object>();
            body.put("accountId", accountId);
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            Output.resource(System.out, session.send("POST", accountPath(session, null), body), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's service accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.get(accountPath(session, null)).path("serviceAccounts"), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "describe", description = "Show a service account.")
    static final class Describe implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.get(accountPath(session, email)), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable a service account: it gets no tokens until enabled.")
    static final class Disable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.send("POST", accountPath(session, email) + ":disable", null), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a disabled service account.")
    static final class Enable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.send("POST", accountPath(session, email) + ":enable", null), ACCOUNT_COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a service account; its tokens and roles end.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            session.send("DELETE", accountPath(session, email), null);
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
            JsonNode created = session.send("POST", accountPath(session, account.email) + "/keys", null);
            String keyFile = new String(Base64.getDecoder().decode(created.path("privateKeyData").asText()), StandardCharsets.UTF_8);
            session.dir.write(output.toAbsolutePath(), keyFile);
            Session.status("Created key [" + created.path("keyId").asText() + "] of [" + account.email + "] and wrote it to [" + output + "].");
            return 0;
        }
    }

    @Command(name = "list", description = "List a service account's keys.")
    static final class KeyList implements Callable<Integer> {
        @picocli.CommandLine.Mixin IamAccount account;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.get(accountPath(session, account.email) + "/keys").path("keys"), KEY_COLUMNS);
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
            Output.resource(System.out, session.send("POST", accountPath(session, account.email) + "/keys/"
                    + Session.segment(keyId) + ":disable", null), KEY_COLUMNS);
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
            session.send("DELETE", accountPath(session, account.email) + "/keys/" + Session.segment(keyId), null);
            Session.status("Deleted key [" + keyId + "] of [" + account.email + "].");
            return 0;
        }
    }
}
