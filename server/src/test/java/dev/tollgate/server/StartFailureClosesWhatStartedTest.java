package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that cannot listen has already opened its database, journal, Redis connection and sample
 * backends: all of them are closed again, so that no thread is left and the same data folder starts
 * at once in the same process (the journal's file lock would refuse it otherwise).
 */
class StartFailureClosesWhatStartedTest {
    @TempDir
    Path data;

    @Test
    void aPortInUseClosesTheDatabaseJournalRedisAndSampleBackends() throws Exception {
        ServerConfig base = withRedis(ServerConfig.defaults(data), "redis://127.0.0.1:6379");
        var out = new PrintStream(new ByteArrayOutputStream());
        // A first start and stop, so that the threads of one-time JVM and library set-up exist before counting.
        Tollgate.start(base.withPort(0), out).close();
        Set<String> before = liveThreads();

        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> Tollgate.start(base.withPort(taken.getLocalPort()), out))
                    .isInstanceOfSatisfying(StartupProblem.class, p -> assertThat(p.option()).contains("--port"));
        }

        Set<String> leaked = Set.of();
        for (int i = 0; i < 50; i++) {
            leaked = liveThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            if (leaked.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(leaked).as("threads left by the failed start").isEmpty();
        try (Tollgate again = Tollgate.start(base.withPort(0), out)) {
            assertThat(again.port()).isPositive();
        }
    }

    /** Names of live threads, without the numbers pools put in them and without the JVM's own. */
    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("\\d+", "#"))
                .filter(n -> !n.startsWith("ForkJoinPool") && !n.equals("Attach Listener") && !n.startsWith("process reaper"))
                .collect(Collectors.toSet());
    }

    private static ServerConfig withRedis(ServerConfig c, String url) {
        return new ServerConfig(c.host(), c.port(), c.dataDir(), c.issuer(), c.dbUrl(), c.dbUser(), c.dbPassword(), Optional.of(url),
                c.catalogFile(), c.trustedProxies(), c.backendTimeout(), c.accessTokenLifetime(), c.adminPassword(), c.signUp(), c.oauth(),
                c.quotaDayZone(), c.accounting(), c.masterKey(), c.mail());
    }
}
