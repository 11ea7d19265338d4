package dev.tollgate.cli;

import dev.tollgate.protocol.admin.OAuthClientResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate oauth-clients}: a project's OAuth clients. */
@Command(name = "oauth-clients", description = "Create, list, describe and delete OAuth clients.",
        subcommands = {OAuthClientsCommand.Create.class, OAuthClientsCommand.ListClients.class,
                OAuthClientsCommand.Describe.class, OAuthClientsCommand.Delete.class})
final class OAuthClientsCommand {
    static final List<String> COLUMNS = List.of("clientId", "type", "displayName");

    private OAuthClientsCommand() {}

    @Command(name = "create", description = "Create an OAuth client; its secret is in this answer only.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--type", required = true, paramLabel = "web|installed", description = "web or installed.") String type;
        @Option(names = "--display-name", description = "A name to show.") String displayName;
        @Option(names = "--redirect-uris", split = ",", paramLabel = "URI", description = "Where the authorization answer may go.")
        List<String> redirectUris = new ArrayList<>();
        @Option(names = "--javascript-origins", split = ",", paramLabel = "ORIGIN", description = "Pages that may call the token endpoint from a browser.")
        List<String> javascriptOrigins = new ArrayList<>();
        @Option(names = "--output-file", paramLabel = "FILE", description = "Write the client_secret.json here (readable by you only) instead of printing the secret.")
        Path outputFile;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            OAuthClientResource created = session.admin().createOAuthClient(session.project(), type, displayName, redirectUris,
                    javascriptOrigins);
            if (outputFile != null) {
                session.dir.write(outputFile.toAbsolutePath(), new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(created.clientSecretJson()) + "\n");
                Output.resource(System.out, new OAuthClientResource(created.clientId(), created.type(), created.displayName(),
                        created.redirectUris(), created.javascriptOrigins(), created.createTime()), COLUMNS);
                Session.status("Client secret written to [" + outputFile + "].");
            } else {
                Output.resource(System.out, created, COLUMNS);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's OAuth clients.")
    static final class ListClients implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listOAuthClients(session.project()), COLUMNS);
            return 0;
        }
    }

    @Command(name = "describe", description = "Show an OAuth client (without its secret).")
    static final class Describe implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().getOAuthClient(session.project(), clientId), COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an OAuth client; its grants and tokens end.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            String project = session.project();
            Confirmation.delete("OAuth client [" + clientId + "]");
            session.admin().deleteOAuthClient(project, clientId);
            Session.status("Deleted OAuth client [" + clientId + "].");
            return 0;
        }
    }
}
