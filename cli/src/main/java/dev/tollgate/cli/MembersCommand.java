package dev.tollgate.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate members}: a project's members and roles. */
@Command(name = "members", description = "Grant roles on the project, list its members, take roles away.",
        subcommands = {MembersCommand.Add.class, MembersCommand.ListMembers.class, MembersCommand.Remove.class})
final class MembersCommand {
    static final List<String> COLUMNS = List.of("member", "role");

    private MembersCommand() {}

    @Command(name = "add", description = "Grant a member (user:EMAIL or serviceAccount:EMAIL) a role, replacing the one it had.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MEMBER") String member;
        @Option(names = "--role", required = true, paramLabel = "owner|editor|viewer") String role;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.resource(System.out, session.admin().addMember(session.project(), member, role), COLUMNS);
            return 0;
        }
    }

    @Command(name = "remove", description = "Take a member's role away (user:EMAIL or serviceAccount:EMAIL); the last owner stays.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MEMBER") String member;

        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            session.admin().removeMember(session.project(), member);
            Session.status("Removed [" + member + "] from the project.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's members and their roles.")
    static final class ListMembers implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Session session = Session.open();
            Output.list(System.out, session.admin().listMembers(session.project()), COLUMNS);
            return 0;
        }
    }
}
