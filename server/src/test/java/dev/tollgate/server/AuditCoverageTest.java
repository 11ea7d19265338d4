package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.audit.AuditCoverage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server registers that can change something is audited: each admin route that
 * takes POST, PUT, PATCH or DELETE has a method name, and each other POST is a page action the
 * audit log knows or is on the short list of requests that change nothing. A route added without
 * either fails here.
 */
class AuditCoverageTest {
    @TempDir
    Path data;

    @Test
    void everyRouteThatCanChangeSomethingIsAudited() {
        List<String> routes;
        try (Tollgate node = Tollgate.start(ServerConfig.defaults(data).withPort(0), new PrintStream(new ByteArrayOutputStream()))) {
            routes = node.routes();
        }
        assertThat(routes).as("the routes the server registers").contains("POST /admin/v1/projects", "POST /signin");
        assertThat(AuditCoverage.unaudited(routes)).as("changes with no audit method name").isEmpty();
    }
}
