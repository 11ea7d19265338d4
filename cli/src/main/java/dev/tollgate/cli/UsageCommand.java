package dev.tollgate.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate usage}: the project's calls counted over a time range. */
@Command(name = "usage", description = "Count the project's calls between two times, grouped as asked.")
final class UsageCommand implements Callable<Integer> {
    @Option(names = "--start", required = true, paramLabel = "TIME", description = "RFC 3339, e.g. 2026-12-01T00:00:00Z.") String start;
    @Option(names = "--end", required = true, paramLabel = "TIME", description = "RFC 3339.") String end;
    @Option(names = "--group-by", split = ",", paramLabel = "FIELD", description = "service, method, status, credential (comma-separated).")
    List<String> groupBy = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Session session = Session.open();
        var columns = new ArrayList<String>();
        for (String g : groupBy) {
            columns.add(g.equals("credential") ? "credential.id" : g);
        }
        columns.addAll(List.of("calls", "bytesIn", "bytesOut"));
        Output.list(System.out, session.admin().usage(session.project(), start, end, groupBy), columns);
        return 0;
    }
}
