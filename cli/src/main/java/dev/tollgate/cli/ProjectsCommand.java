package dev.tollgate.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate projects}: {@code /admin/v1/projects}. */
@Command(name = "projects", description = "Create, list, describe and delete projects.",
        subcommands = {ProjectsCommand.Create.class, ProjectsCommand.ListProjects.class, ProjectsCommand.Describe.class,
                ProjectsCommand.Delete.class})
final class ProjectsCommand {
    static final List<String> COLUMNS = List.of("projectId", "displayName", "projectNumber");

    private ProjectsCommand() {}

    @Command(name = "create", description = "Create a project; you become its owner.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROJECT_ID") String projectId;
        @Option(names = "--display-name", description = "A name to show (default: the project id).") String displayName;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().createProject(projectId, displayName), COLUMNS);
            return 0;
        }
    }

    @Command(name = "list", description = "List the projects you are a member of.")
    static final class ListProjects implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listProjects(), COLUMNS);
            return 0;
        }
    }

    @Command(name = "describe", description = "Show a project.")
    static final class Describe implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROJECT_ID") String projectId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().getProject(projectId), COLUMNS);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a project with its keys, clients and service accounts; its id stays taken.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROJECT_ID") String projectId;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Confirmation.delete("Project [" + projectId + "]");
            session.admin().deleteProject(projectId);
            Session.status("Deleted project [" + projectId + "].");
            return 0;
        }
    }
}
