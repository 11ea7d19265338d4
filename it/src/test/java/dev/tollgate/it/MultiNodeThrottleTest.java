package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.it.PeopleEndToEndTest.Answer;
import dev.tollgate.it.PeopleEndToEndTest.Browser;
import dev.tollgate.store.jdbc.TestDatabases;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sign-in throttle holds for the deployment, not per node: two nodes on one PostgreSQL and one
 * Redis count the same failures and know the same browsers. Counters in Redis outlive a test run,
 * so every run comes from addresses of its own (the nodes believe X-Forwarded-For from 127.0.0.1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeThrottleTest {
    private TollgateProcess a;
    private TollgateProcess b;
    private String email;
    private final int run = ThreadLocalRandom.current().nextInt(1, 250);

    @BeforeAll
    void twoNodesAndAPerson() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable");
        assumeTrue(MultiNodeTest.redisAvailable(), "Redis is not reachable");
        String db = TestDatabases.newPostgresDatabase();
        a = node(db);
        b = node(db);
        Http http = new Http(a.baseUrl());
        String admin = KeyFiles.read(a.adminKeyFile()).accessToken(http, "admin");
        email = PeopleEndToEndTest.uniqueEmail();
        assertThat(http.postJson("/admin/v1/users", admin, Map.of("email", email, "password", PeopleEndToEndTest.PASSWORD)).status())
                .isEqualTo(200);
    }

    /** Nodes of one database share the master key that seals its signing keys. */
    private static final String MASTER_KEY = dev.tollgate.core.secret.MasterKey.generate().encoded();

    private static TollgateProcess node(String db) throws Exception {
        return TollgateProcess.startWith(List.of("--port", "0", "--host", "127.0.0.1", "--data",
                Files.createTempDirectory("tollgate-node-").toString(), "--db", db, "--db-user", TestDatabases.PG_USER,
                "--redis", "redis://" + MultiNodeTest.REDIS_HOST, "--trusted-proxies", "127.0.0.1/32"), Map.of("TOLLGATE_MASTER_KEY", MASTER_KEY));
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** The n-th address of this run, in 10.0.0.0/8. */
    private String address(int n) {
        return "10." + run + "." + (n / 250) + "." + (1 + n % 250);
    }

    private Browser on(TollgateProcess node, String address) {
        return new Browser(node.baseUrl()).via(address);
    }

    @Test
    void failuresOnEitherNodeCountTogetherAndAKnownBrowserIsKnownOnBoth() {
        for (int i = 0; i < 5; i++) {
            Answer failed = on(i % 2 == 0 ? a : b, address(0)).signIn(email, "wrong password " + i);
            assertThat(failed.status()).as(failed.toString()).isEqualTo(403);
        }
        assertThat(on(a, address(0)).signIn(email, PeopleEndToEndTest.PASSWORD).status()).isEqualTo(429);
        assertThat(on(b, address(0)).signIn(email, PeopleEndToEndTest.PASSWORD).status()).isEqualTo(429);

        Browser owners = on(a, address(1));
        assertThat(owners.signIn(email, PeopleEndToEndTest.PASSWORD).status()).as("the owner elsewhere").isEqualTo(303);
        assertThat(owners.signOut().status()).isEqualTo(303);

        for (int bot = 0; bot < 16; bot++) {
            on(bot % 2 == 0 ? a : b, address(10 + bot)).signIn(email, "wrong password");
        }
        Answer stranger = on(b, address(40)).signIn(email, PeopleEndToEndTest.PASSWORD);
        for (int i = 0; i < 5 && stranger.status() == 303; i++) {
            // A fresh delay slot lets one attempt through; the one right after it waits.
            on(a, address(50 + i)).signIn(email, "wrong password");
            stranger = on(b, address(60 + i)).signIn(email, PeopleEndToEndTest.PASSWORD);
        }
        assertThat(stranger.status()).as("past the ceiling counted on both nodes: " + stranger).isEqualTo(429);

        Browser sameBrowserOnB = new Browser(b.baseUrl()).via(address(41));
        sameBrowserOnB.setCookie(Sessions.DEVICE_COOKIE, owners.cookie(Sessions.DEVICE_COOKIE).orElseThrow());
        Answer known = sameBrowserOnB.signIn(email, PeopleEndToEndTest.PASSWORD);
        assertThat(known.status()).as("the device cookie node A gave out, on node B: " + known).isEqualTo(303);
    }

    /** The cookie's name on the wire over http. */
    private static final class Sessions {
        static final String DEVICE_COOKIE = "tollgate_device";
    }
}
