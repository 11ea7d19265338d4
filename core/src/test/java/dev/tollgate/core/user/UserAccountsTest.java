package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserAccountsTest {
    static final Principal ADMIN = new Principal.Person("1", "admin@localhost");
    static final Principal SOMEONE = new Principal.Person("2", "someone@example.com");
    static final InetAddress HOME = InetAddress.getLoopbackAddress();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456Z"));
    private final InMemoryUsers users = new InMemoryUsers();
    private final InMemorySignInThrottle throttle = new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock);

    /** Permissions where only {@link #ADMIN} is a platform administrator. */
    static ProjectPermissions adminIsOnlyPlatformAdmin() {
        Set<Member> admins = Set.of(ADMIN.member());
        var repo = (ProjectRepository) Proxy.newProxyInstance(UserAccountsTest.class.getClassLoader(), new Class<?>[] {ProjectRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isPlatformAdmin")) {
                        return admins.contains((Member) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ProjectPermissions(repo);
    }

    private UserAccounts accounts(SignUpMode mode) {
        return new UserAccounts(users, new PasswordHasher(), throttle, mode, adminIsOnlyPlatformAdmin(), clock);
    }

    private static AccountProblem problem(Runnable r) {
        try {
            r.run();
            return null;
        } catch (AccountException e) {
            return e.problem();
        }
    }

    @Test
    void signUpStoresNormalizedEmailAndArgon2HashNeverThePassword() {
        User user = accounts(SignUpMode.OPEN).signUp(" Alice@Example.COM", "correct horse");
        assertThat(user.email()).isEqualTo("alice@example.com");
        assertThat(user.userId()).matches("[1-9][0-9]{20}");
        assertThat(user.passwordHash()).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(user.createTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(users.findByEmail("alice@example.com")).contains(user);
    }

    @Test
    void signUpWhenClosedIsRefusedBeforeAnythingElse() {
        var accounts = accounts(SignUpMode.CLOSED);
        assertThat(accounts.signUpOpen()).isFalse();
        assertThat(problem(() -> accounts.signUp("alice@example.com", "correct horse"))).isEqualTo(AccountProblem.SIGN_UP_CLOSED);
        assertThat(problem(() -> accounts.signUp("not an email", "x"))).isEqualTo(AccountProblem.SIGN_UP_CLOSED);
        assertThat(users.findByEmail("alice@example.com")).isEmpty();
    }

    @Test
    void signUpWithTakenEmailInAnyCaseIsRefused() {
        var accounts = accounts(SignUpMode.OPEN);
        accounts.signUp("alice@example.com", "correct horse");
        assertThat(problem(() -> accounts.signUp("ALICE@example.com", "other password"))).isEqualTo(AccountProblem.EMAIL_TAKEN);
    }

    @Test
    void signUpValidatesEmailAndPassword() {
        var accounts = accounts(SignUpMode.OPEN);
        assertThat(problem(() -> accounts.signUp("alice", "correct horse"))).isEqualTo(AccountProblem.EMAIL_INVALID);
        assertThat(problem(() -> accounts.signUp("alice@example.com", "short"))).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problem(() -> accounts.signUp("alice@example.com", null))).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problem(() -> accounts.signUp(null, "correct horse"))).isEqualTo(AccountProblem.EMAIL_INVALID);
    }

    @Test
    void administratorCreatesPeopleEvenWhenSignUpIsClosed() {
        var accounts = accounts(SignUpMode.CLOSED);
        User user = accounts.create(ADMIN, "bob@example.com", "correct horse");
        assertThat(accounts.authenticate("bob@example.com", "correct horse", HOME)).isEqualTo(user);
    }

    @Test
    void onlyPlatformAdministratorsCreatePeople() {
        var accounts = accounts(SignUpMode.OPEN);
        assertThatThrownBy(() -> accounts.create(SOMEONE, "bob@example.com", "correct horse"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).error()).isEqualTo(ApiError.PERMISSION_DENIED);
        assertThatThrownBy(() -> accounts.create(SOMEONE, "not an email", "x")).as("permission is checked first")
                .isInstanceOf(ApiException.class);
        assertThat(users.findByEmail("bob@example.com")).isEmpty();
    }

    @Test
    void authenticateFindsThePersonByEmailInAnyCase() {
        var accounts = accounts(SignUpMode.OPEN);
        User user = accounts.signUp("alice@example.com", "correct horse");
        assertThat(accounts.authenticate("  ALICE@example.com", "correct horse", HOME)).isEqualTo(user);
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSameProblem() {
        var accounts = accounts(SignUpMode.OPEN);
        accounts.signUp("alice@example.com", "correct horse");
        assertThat(problem(() -> accounts.authenticate("alice@example.com", "wrong horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        assertThat(problem(() -> accounts.authenticate("nobody@example.com", "correct horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        assertThat(problem(() -> accounts.authenticate("not an email", "correct horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        assertThat(problem(() -> accounts.authenticate(null, null, HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        assertThat(problem(() -> accounts.authenticate("alice@example.com", "x".repeat(1_000_000), HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
    }

    @Test
    void unknownEmailCostsAnArgon2RunLikeAWrongPassword() {
        var accounts = accounts(SignUpMode.OPEN);
        accounts.signUp("alice@example.com", "correct horse");
        long wrong = 0;
        long unknown = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            problem(() -> accounts.authenticate("alice@example.com", "wrong horse", HOME));
            long t1 = System.nanoTime();
            problem(() -> accounts.authenticate("nobody" + System.nanoTime() + "@example.com", "wrong horse", HOME));
            long t2 = System.nanoTime();
            wrong += t1 - t0;
            unknown += t2 - t1;
        }
        assertThat(unknown).as("unknown email %d ns vs wrong password %d ns", unknown, wrong).isGreaterThan(wrong / 2);
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedForAWhile() {
        var accounts = accounts(SignUpMode.OPEN);
        accounts.signUp("alice@example.com", "correct horse");
        for (int i = 0; i < 5; i++) {
            assertThat(problem(() -> accounts.authenticate("alice@example.com", "wrong horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        }
        assertThat(problem(() -> accounts.authenticate("alice@example.com", "correct horse", HOME))).isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(problem(() -> accounts.authenticate("alice@example.com", "correct horse", HOME))).isNull();
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() {
        var accounts = accounts(SignUpMode.OPEN);
        for (int i = 0; i < 5; i++) {
            assertThat(problem(() -> accounts.authenticate("nobody@example.com", "wrong horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        }
        assertThat(problem(() -> accounts.authenticate("nobody@example.com", "wrong horse", HOME))).isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndReplacesTheHash() {
        var accounts = accounts(SignUpMode.OPEN);
        User user = accounts.signUp("alice@example.com", "correct horse");
        assertThat(problem(() -> accounts.changePassword(user, "wrong horse", "new password", HOME))).isEqualTo(AccountProblem.CURRENT_PASSWORD_WRONG);
        assertThat(problem(() -> accounts.changePassword(user, "correct horse", "short", HOME))).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        accounts.changePassword(user, "correct horse", "new password", HOME);
        assertThat(problem(() -> accounts.authenticate("alice@example.com", "correct horse", HOME))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        assertThat(accounts.authenticate("alice@example.com", "new password", HOME).userId()).isEqualTo(user.userId());
    }

    @Test
    void wrongCurrentPasswordsAreThrottled() {
        var accounts = accounts(SignUpMode.OPEN);
        User user = accounts.signUp("alice@example.com", "correct horse");
        for (int i = 0; i < 5; i++) {
            problem(() -> accounts.changePassword(user, "wrong horse", "new password", HOME));
        }
        assertThat(problem(() -> accounts.changePassword(user, "correct horse", "new password", HOME))).isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"admin@tollgate.iam", "Admin@Tollgate.IAM", " bot@my-app.iam ",
            "admin@tollgate.xn--am-goc", "admin%40tollgate.iam@example.com"})
    void neitherSignUpNorAnAdministratorCreatesAPersonWithAServiceAccountAddress(String email) {
        assertThat(problem(() -> accounts(SignUpMode.OPEN).signUp(email, "correct horse"))).isEqualTo(AccountProblem.EMAIL_RESERVED);
        assertThat(problem(() -> accounts(SignUpMode.CLOSED).create(ADMIN, email, "correct horse"))).isEqualTo(AccountProblem.EMAIL_RESERVED);
        assertThat(users.findByEmail(EmailAddress.normalize(email))).isEmpty();
    }
}
