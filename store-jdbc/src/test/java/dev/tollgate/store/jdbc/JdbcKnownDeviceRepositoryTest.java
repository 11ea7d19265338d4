package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.store.jdbc.TestDatabases.Kind;

class JdbcKnownDeviceRepositoryTest extends RepositoryTest {

    private JdbcKnownDeviceRepository devices() {
        return new JdbcKnownDeviceRepository(db());
    }

    private User person(String email) {
        User u = user(email);
        users().insert(u);
        return u;
    }

    @OnEachDatabase
    void aDeviceIsKnownPerAccountSinceItsLastUse(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        User bob = person("bob@example.com");
        String device = Secrets.hash("browser");
        devices().remember(device, alice.userId(), at(10));
        devices().remember(device, alice.userId(), at(20));
        devices().remember(device, bob.userId(), at(5));
        assertThat(devices().usersOf(device, at(0))).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(devices().usersOf(device, at(20))).as("refreshed by the second use").containsExactly(alice.userId());
        assertThat(devices().usersOf(Secrets.hash("other"), at(0))).isEmpty();

        assertThat(devices().forgetUnusedBefore(at(6))).isEqualTo(1);
        assertThat(devices().usersOf(device, at(0))).containsExactly(alice.userId());
    }

    @OnEachDatabase
    void deletingThePersonForgetsTheirDevices(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        devices().remember(Secrets.hash("browser"), alice.userId(), at(1));
        db().jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE user_id = ?", alice.userId()));
        assertThat(devices().usersOf(Secrets.hash("browser"), at(0))).isEmpty();
    }
}
