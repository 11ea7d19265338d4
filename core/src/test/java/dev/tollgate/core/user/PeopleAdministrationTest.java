package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import org.junit.jupiter.api.Test;

/** Platform administrators list people and disable or enable their accounts. */
class PeopleAdministrationTest extends MailRulesFixture {
    private final PeopleAdministration people = new PeopleAdministration(users, sessions, tokensRevokedFor::add,
            UserAccountsTest.adminIsOnlyPlatformAdmin());

    private static AccountProblem signInProblem(UserAccounts accounts, String email, String password) {
        try {
            accounts.authenticate(email, password, HOME);
            return null;
        } catch (AccountException e) {
            return e.problem();
        }
    }

    @Test
    void disabledPersonCannotSignInAndLosesEverySessionAndToken() {
        User bob = signUp("bob@example.com");
        String session = sessionOf(bob);

        User disabled = people.setDisabled(UserAccountsTest.ADMIN, "Bob@Example.com", true);

        assertThat(disabled.disabled()).isTrue();
        assertThat(users.find(bob.userId()).orElseThrow().disabled()).isTrue();
        assertThat(sessions.find(session)).as("the session ended").isEmpty();
        assertThat(tokensRevokedFor).contains(bob.userId());
        assertThat(signInProblem(accounts, "bob@example.com", PASSWORD)).isEqualTo(AccountProblem.ACCOUNT_DISABLED);
        assertThat(signInProblem(accounts, "bob@example.com", "wrong password")).as("a wrong password says nothing of the account")
                .isEqualTo(AccountProblem.SIGN_IN_FAILED);
    }

    @Test
    void enabledAgainThePersonSignsIn() {
        signUp("bob@example.com");
        people.setDisabled(UserAccountsTest.ADMIN, "bob@example.com", true);

        people.setDisabled(UserAccountsTest.ADMIN, "bob@example.com", false);

        assertThat(signInProblem(accounts, "bob@example.com", PASSWORD)).isNull();
    }

    @Test
    void onlyPlatformAdministratorsListOrDisablePeople() {
        signUp("bob@example.com");
        User carol = signUp("carol@example.com");
        Principal bob = new Principal.Person(users.findByEmail("bob@example.com").orElseThrow().userId(), "bob@example.com");

        assertThatThrownBy(() -> people.setDisabled(bob, "carol@example.com", true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PERMISSION_DENIED));
        assertThatThrownBy(() -> people.list(bob))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PERMISSION_DENIED));
        assertThat(users.find(carol.userId()).orElseThrow().disabled()).isFalse();
        assertThat(people.list(UserAccountsTest.ADMIN)).extracting(User::email).containsExactly("bob@example.com", "carol@example.com");
    }

    @Test
    void administratorCannotDisableTheirOwnAccountAndUnknownAddressesAreNotFound() {
        User admin = accounts.create(UserAccountsTest.ADMIN, "admin@example.net", PASSWORD);
        Principal self = new Principal.Person(admin.userId(), "admin@localhost");
        users.insert(new User(admin.userId() + "x", "admin@localhost", admin.passwordHash(), admin.createTime()));
        Principal adminItself = new Principal.Person(admin.userId() + "x", "admin@localhost");

        assertThatThrownBy(() -> people.setDisabled(adminItself, "admin@localhost", true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("You cannot disable your own account."));
        assertThatThrownBy(() -> people.setDisabled(self, "nobody@example.com", true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.NOT_FOUND));
    }
}
