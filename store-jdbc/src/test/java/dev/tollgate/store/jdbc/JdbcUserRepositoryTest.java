package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.user.User;
import dev.tollgate.store.jdbc.TestDatabases.Kind;

class JdbcUserRepositoryTest extends RepositoryTest {

    @OnEachDatabase
    void userRoundTripsEveryField(Kind kind) {
        open(kind);
        var user = new User("0123456789abcdef0123456789abcdef", "alice@example.com",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", at(7));
        users().insert(user);

        assertThat(users().find(user.userId())).contains(user);
        assertThat(users().findByEmail("alice@example.com")).contains(user);
    }

    @OnEachDatabase
    void emailIsStoredInLowerCaseAndFoundIgnoringCase(Kind kind) {
        open(kind);
        var user = user("Alice.Smith@Example.COM");
        users().insert(user);

        var expected = new User(user.userId(), "alice.smith@example.com", user.passwordHash(), user.createTime());
        assertThat(users().findByEmail("alice.smith@example.com")).contains(expected);
        assertThat(users().findByEmail("ALICE.SMITH@EXAMPLE.COM")).contains(expected);
        assertThat(users().find(user.userId())).contains(expected);
    }

    @OnEachDatabase
    void disabledAccountStaysDisabledUntilEnabledAndEveryAccountIsListedByEmail(Kind kind) {
        open(kind);
        var bob = user("bob@example.com");
        var alice = user("alice@example.com");
        users().insert(bob);
        users().insert(alice);
        assertThat(users().find(bob.userId()).orElseThrow().disabled()).as("a new account is in use").isFalse();

        users().setDisabled(bob.userId(), true);
        users().updatePasswordHash(bob.userId(), "$argon2id$changed");

        assertThat(users().findByEmail("bob@example.com").orElseThrow().disabled()).isTrue();
        assertThat(users().list()).extracting(User::email).containsExactly("alice@example.com", "bob@example.com");
        assertThat(users().list()).extracting(User::disabled).containsExactly(false, true);
        users().setDisabled(bob.userId(), false);
        assertThat(users().find(bob.userId()).orElseThrow().disabled()).isFalse();
    }

    @OnEachDatabase
    void findOfAnUnknownUserIsEmpty(Kind kind) {
        open(kind);
        users().insert(user("alice@example.com"));

        assertThat(users().findByEmail("bob@example.com")).isEmpty();
        assertThat(users().find("ffffffffffffffffffffffffffffffff")).isEmpty();
    }

    @OnEachDatabase
    void duplicateUserEmailIsRefusedIgnoringCase(Kind kind) {
        open(kind);
        var first = user("alice@example.com");
        users().insert(first);

        assertThatThrownBy(() -> users().insert(user("alice@example.com"))).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> users().insert(user("ALICE@Example.com"))).isInstanceOf(DuplicateException.class);

        assertThat(users().findByEmail("alice@example.com")).contains(first);
    }

    @OnEachDatabase
    void duplicateUserIdIsRefused(Kind kind) {
        open(kind);
        var first = user("alice@example.com");
        users().insert(first);
        var sameId = new User(first.userId(), "bob@example.com", first.passwordHash(), first.createTime());

        assertThatThrownBy(() -> users().insert(sameId)).isInstanceOf(DuplicateException.class);
        assertThat(users().findByEmail("bob@example.com")).isEmpty();
    }

    @OnEachDatabase
    void passwordHashIsReplacedForThatPersonOnly(Kind kind) {
        open(kind);
        var alice = user("alice@example.com");
        var bob = user("bob@example.com");
        users().insert(alice);
        users().insert(bob);

        users().updatePasswordHash(alice.userId(), "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA");

        assertThat(users().find(alice.userId()).orElseThrow().passwordHash()).isEqualTo("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA");
        assertThat(users().find(bob.userId())).contains(bob);
        users().updatePasswordHash("ffffffffffffffffffffffffffffffff", "x");
    }
}
