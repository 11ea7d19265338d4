package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.session.Session;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.user.User;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Duration;

class JdbcSessionRepositoryTest extends RepositoryTest {

    private JdbcSessionRepository sessions() {
        return new JdbcSessionRepository(db());
    }

    private User person(String email) {
        User u = user(email);
        users().insert(u);
        return u;
    }

    private static Session session(User u, long createdSecondsAfterT0) {
        return new Session(Secrets.hash(Secrets.randomBase62(32)), u.userId(), at(createdSecondsAfterT0), at(createdSecondsAfterT0),
                at(createdSecondsAfterT0), at(createdSecondsAfterT0).plus(Duration.ofDays(30)));
    }

    @OnEachDatabase
    void sessionRoundTripsEveryField(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        var s = new Session(Secrets.hash("id"), alice.userId(), at(1), at(2), at(3), at(4));
        sessions().insert(s);
        assertThat(sessions().find(s.sessionHash())).contains(s);
        assertThat(sessions().find(Secrets.hash("other"))).isEmpty();
    }

    @OnEachDatabase
    void duplicateHashIsRefused(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        var s = session(alice, 0);
        sessions().insert(s);
        assertThatThrownBy(() -> sessions().insert(s)).isInstanceOf(DuplicateException.class);
    }

    @OnEachDatabase
    void lastSeenIsUpdatedAndNothingElse(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        var s = session(alice, 0);
        sessions().insert(s);
        sessions().updateLastSeen(s.sessionHash(), at(600));
        assertThat(sessions().find(s.sessionHash())).contains(s.withLastSeen(at(600)));
    }

    @OnEachDatabase
    void deleteEndsOneSession(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        var a = session(alice, 0);
        var b = session(alice, 0);
        sessions().insert(a);
        sessions().insert(b);
        sessions().delete(a.sessionHash());
        assertThat(sessions().find(a.sessionHash())).isEmpty();
        assertThat(sessions().find(b.sessionHash())).isPresent();
    }

    @OnEachDatabase
    void deleteOthersKeepsOneSessionAndOtherPeoples(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        User bob = person("bob@example.com");
        var kept = session(alice, 0);
        var other = session(alice, 0);
        var bobs = session(bob, 0);
        sessions().insert(kept);
        sessions().insert(other);
        sessions().insert(bobs);

        sessions().deleteOthersOf(alice.userId(), kept.sessionHash());

        assertThat(sessions().find(kept.sessionHash())).isPresent();
        assertThat(sessions().find(other.sessionHash())).isEmpty();
        assertThat(sessions().find(bobs.sessionHash())).isPresent();

        sessions().deleteOthersOf(alice.userId(), null);
        assertThat(sessions().find(kept.sessionHash())).isEmpty();
    }

    @OnEachDatabase
    void deleteExpiredRemovesIdleAndOverdueSessionsOnly(Kind kind) {
        open(kind);
        User alice = person("alice@example.com");
        var fresh = session(alice, 1000);
        var idle = session(alice, 0);
        var overdue = new Session(Secrets.hash("overdue"), alice.userId(), at(0), at(1000), at(0), at(1500));
        sessions().insert(fresh);
        sessions().insert(idle);
        sessions().insert(overdue);

        int removed = sessions().deleteExpired(at(2000), at(500));

        assertThat(removed).isEqualTo(2);
        assertThat(sessions().find(fresh.sessionHash())).isPresent();
        assertThat(sessions().find(idle.sessionHash())).isEmpty();
        assertThat(sessions().find(overdue.sessionHash())).isEmpty();
    }

    @OnEachDatabase
    void sessionMustBelongToAPerson(Kind kind) {
        open(kind);
        var orphan = new Session(Secrets.hash("x"), "999999999999999999999", at(0), at(0), at(0), at(1));
        assertThatThrownBy(() -> sessions().insert(orphan)).isInstanceOf(RuntimeException.class);
    }
}
