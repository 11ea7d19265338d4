package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.user.EmailToken;
import dev.tollgate.core.user.User;
import dev.tollgate.store.jdbc.TestDatabases.Kind;

class JdbcEmailVerificationRepositoryTest extends RepositoryTest {

    private User person(String email) {
        User u = user(email);
        users().insert(u);
        return u;
    }

    private static EmailToken token(User u, EmailToken.Purpose purpose, long expiresSecondsAfterT0) {
        return new EmailToken(Secrets.hash(Secrets.randomBase62(32)), purpose, u.userId(), u.email(), at(0), at(expiresSecondsAfterT0));
    }

    @OnEachDatabase
    void aTokenRoundTripsAndIsConsumedOnce(Kind kind) {
        open(kind);
        var tokens = new JdbcEmailTokenRepository(db());
        User alice = person("alice@example.com");
        EmailToken t = token(alice, EmailToken.Purpose.RESET_PASSWORD, 1800);
        tokens.insert(t);
        assertThat(tokens.find(t.tokenHash())).contains(t);
        assertThat(tokens.consume(t.tokenHash())).isTrue();
        assertThat(tokens.consume(t.tokenHash())).isFalse();
        assertThat(tokens.find(t.tokenHash())).isEmpty();
    }

    @OnEachDatabase
    void deletingByPurposeLeavesOtherPurposesAndPeople(Kind kind) {
        open(kind);
        var tokens = new JdbcEmailTokenRepository(db());
        User alice = person("alice@example.com");
        User bob = person("bob@example.com");
        EmailToken aliceReset = token(alice, EmailToken.Purpose.RESET_PASSWORD, 10);
        EmailToken aliceVerify = token(alice, EmailToken.Purpose.VERIFY_EMAIL, 10);
        EmailToken bobReset = token(bob, EmailToken.Purpose.RESET_PASSWORD, 100);
        tokens.insert(aliceReset);
        tokens.insert(aliceVerify);
        tokens.insert(bobReset);
        tokens.deleteFor(alice.userId(), EmailToken.Purpose.RESET_PASSWORD);
        assertThat(tokens.find(aliceReset.tokenHash())).isEmpty();
        assertThat(tokens.find(aliceVerify.tokenHash())).isPresent();
        assertThat(tokens.deleteExpired(at(10))).isEqualTo(1);
        assertThat(tokens.find(bobReset.tokenHash())).isPresent();
    }

    @OnEachDatabase
    void aProofCountsOnlyForTheAddressThePersonHoldsNow(Kind kind) {
        open(kind);
        var verified = new JdbcVerifiedAddressRepository(db());
        User alice = person("alice@example.com");
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@example.com")).isFalse();
        verified.markVerified(alice.userId(), "alice@example.com", at(1));
        verified.markVerified(alice.userId(), "alice@example.com", at(2));
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@example.com")).isTrue();
        assertThat(verified.isVerifiedOwner(alice.userId(), "ALICE@example.com")).isTrue();
        assertThat(verified.isVerifiedOwner("999", "alice@example.com")).isFalse();

        verified.changeEmail(alice.userId(), "alice@new.example", at(3));
        assertThat(users().find(alice.userId()).orElseThrow().email()).isEqualTo("alice@new.example");
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@example.com")).isFalse();
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@new.example")).isTrue();

        verified.revoke(alice.userId());
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@new.example")).isFalse();
    }

    @OnEachDatabase
    void changingToATakenAddressChangesNothing(Kind kind) {
        open(kind);
        var verified = new JdbcVerifiedAddressRepository(db());
        User alice = person("alice@example.com");
        person("bob@example.com");
        verified.markVerified(alice.userId(), "alice@example.com", at(1));
        assertThatThrownBy(() -> verified.changeEmail(alice.userId(), "bob@example.com", at(2))).isInstanceOf(DuplicateException.class);
        assertThat(users().find(alice.userId()).orElseThrow().email()).isEqualTo("alice@example.com");
        assertThat(verified.isVerifiedOwner(alice.userId(), "alice@example.com")).isTrue();
    }
}
