package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.mail.Mail;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmailVerificationTest extends MailRulesFixture {

    @Test
    void aNewPersonIsUnverifiedUntilTheyOpenTheMailedLink() {
        User alice = signUp("alice@example.com");
        assertThat(verification.isVerified(alice)).isFalse();

        assertThat(verification.sendVerification(alice, HOME)).isEqualTo(MailOutcome.SENT);
        Mail sent = mail.sent.get(0);
        assertThat(sent.to()).isEqualTo("alice@example.com");
        assertThat(sent.link()).startsWith("https://tollgate.example/verify-email?token=tgm_");
        assertThat(sent.text()).contains(sent.link());

        assertThat(verification.verify(mail.lastToken("alice@example.com"))).contains(alice);
        assertThat(verification.isVerified(alice)).isTrue();
    }

    @Test
    void aVerificationLinkWorksOnce() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        String token = mail.lastToken("alice@example.com");
        assertThat(verification.verify(token)).isPresent();
        verification.revoke(UserAccountsTest.ADMIN, "alice@example.com");
        assertThat(verification.verify(token)).as("used").isEmpty();
        assertThat(verification.isVerified(alice)).isFalse();
    }

    @Test
    void aVerificationLinkExpiresAfterTwoDays() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        clock.advance(EmailVerification.VERIFY_LINK_LIFETIME);
        assertThat(verification.verify(mail.lastToken("alice@example.com"))).isEmpty();
        assertThat(verification.isVerified(alice)).isFalse();
    }

    @Test
    void aTamperedForgedOrOtherPurposeLinkVerifiesNothing() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        String token = mail.lastToken("alice@example.com");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(verification.verify(tampered)).isEmpty();
        assertThat(verification.verify(Secrets.generate(SecretKind.MAIL_LINK))).as("well-formed but never issued").isEmpty();
        assertThat(verification.verify(Secrets.generate(SecretKind.REFRESH_TOKEN))).isEmpty();
        assertThat(verification.verify("")).isEmpty();
        assertThat(verification.verify(null)).isEmpty();

        reset.requestReset("alice@example.com", HOME);
        assertThat(verification.verify(mail.lastToken("alice@example.com"))).as("a reset link is no verification link").isEmpty();
        assertThat(verification.isVerified(alice)).isFalse();
        assertThat(verification.verify(token)).as("the real one still works").isPresent();
    }

    @Test
    void aNewLinkRetiresTheOlderOne() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        String first = mail.lastToken("alice@example.com");
        verification.sendVerification(alice, HOME);
        assertThat(verification.verify(first)).isEmpty();
        assertThat(verification.verify(mail.lastToken("alice@example.com"))).isPresent();
    }

    @Test
    void aMailServerFailureIsReportedNotThrown() {
        User alice = signUp("alice@example.com");
        mail.serverDown = true;
        assertThat(verification.sendVerification(alice, HOME)).isEqualTo(MailOutcome.FAILED);
    }

    @Test
    void sendsAreThrottledPerAddress() {
        User alice = signUp("alice@example.com");
        int perAddress = dev.tollgate.core.throttle.ThrottledAction.VERIFICATION_MAIL.perSubject();
        for (int i = 0; i < perAddress; i++) {
            assertThat(verification.sendVerification(alice, HOME)).isEqualTo(MailOutcome.SENT);
        }
        assertThat(verification.sendVerification(alice, HOME)).isEqualTo(MailOutcome.THROTTLED);
        assertThat(mail.sent).hasSize(perAddress);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(verification.sendVerification(alice, HOME)).isEqualTo(MailOutcome.SENT);
    }

    @Test
    void theOldAddressStaysUntilTheNewOneIsConfirmed() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        verification.verify(mail.lastToken("alice@example.com"));

        assertThat(verification.requestChange(alice, "Alice@New.Example", PASSWORD, HOME)).isEqualTo(MailOutcome.SENT);
        User before = users.find(alice.userId()).orElseThrow();
        assertThat(before.email()).isEqualTo("alice@example.com");
        assertThat(verification.isVerified(before)).isTrue();

        User after = verification.confirmChange(mail.lastToken("alice@new.example")).orElseThrow();
        assertThat(after.email()).isEqualTo("alice@new.example");
        assertThat(verification.isVerified(after)).isTrue();
        assertThat(users.findByEmail("alice@example.com")).isEmpty();
        assertThat(mail.isVerifiedOwner(alice.userId(), "alice@example.com")).as("the old address proves nothing now").isFalse();
        assertThat(tokensRevokedFor).as("tokens in the old address's name end").containsExactly(alice.userId());
    }

    @Test
    void changingTheAddressNeedsTheCurrentPasswordAndAFreeAddress() {
        User alice = signUp("alice@example.com");
        signUp("bob@example.com");
        assertThatThrownBy(() -> verification.requestChange(alice, "carol@example.com", "wrong password", HOME))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.CURRENT_PASSWORD_WRONG));
        assertThatThrownBy(() -> verification.requestChange(alice, " BOB@example.com", PASSWORD, HOME))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.EMAIL_TAKEN));
        assertThatThrownBy(() -> verification.requestChange(alice, "not an address", PASSWORD, HOME))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.EMAIL_INVALID));
        assertThat(mail.sent).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"admin@tollgate.iam", "ADMIN@Tollgate.IAM", " bot@p.iam ",
            "admin@tollgate.\uff49\uff41\uff4d", "admin%40tollgate.iam@example.com", "admin@tollgate.xn--am-goc"})
    void changingTheAddressToAServiceAccountAddressIsRefusedAndMailsNothing(String reserved) {
        User alice = signUp("alice@example.com");
        assertThatThrownBy(() -> verification.requestChange(alice, reserved, PASSWORD, HOME))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.EMAIL_RESERVED));
        assertThat(users.find(alice.userId()).orElseThrow().email()).isEqualTo("alice@example.com");
    }

    @Test
    void anAddressTakenBeforeTheLinkIsOpenedIsNotTaken() {
        User alice = signUp("alice@example.com");
        verification.requestChange(alice, "carol@example.com", PASSWORD, HOME);
        signUp("carol@example.com");
        assertThatThrownBy(() -> verification.confirmChange(mail.lastToken("carol@example.com")))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.EMAIL_TAKEN));
        assertThat(users.find(alice.userId()).orElseThrow().email()).isEqualTo("alice@example.com");
    }

    @Test
    void aVerificationLinkForAnAddressNoLongerHeldVerifiesNothing() {
        User alice = signUp("alice@example.com");
        verification.sendVerification(alice, HOME);
        String oldLink = mail.lastToken("alice@example.com");
        verification.requestChange(alice, "alice@new.example", PASSWORD, HOME);
        verification.confirmChange(mail.lastToken("alice@new.example"));
        verification.revoke(UserAccountsTest.ADMIN, "alice@new.example");
        assertThat(verification.verify(oldLink)).isEmpty();
        assertThat(mail.isVerifiedOwner(alice.userId(), "alice@new.example")).isFalse();
    }

    @Test
    void onlyAPlatformAdministratorVouchesResendsOrRevokes() {
        User alice = signUp("alice@example.com");
        assertThatThrownBy(() -> verification.markVerified(UserAccountsTest.SOMEONE, alice)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> verification.resend(UserAccountsTest.SOMEONE, "alice@example.com", HOME)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> verification.revoke(UserAccountsTest.SOMEONE, "alice@example.com")).isInstanceOf(ApiException.class);
        assertThat(mail.sent).isEmpty();

        verification.markVerified(UserAccountsTest.ADMIN, alice);
        assertThat(verification.isVerified(alice)).isTrue();
        assertThatThrownBy(() -> verification.resend(UserAccountsTest.ADMIN, "alice@example.com", HOME))
                .as("already verified").isInstanceOf(ApiException.class);
        verification.revoke(UserAccountsTest.ADMIN, "alice@example.com");
        assertThat(verification.isVerified(alice)).isFalse();
        assertThat(verification.resend(UserAccountsTest.ADMIN, "ALICE@example.com", HOME)).isEqualTo(MailOutcome.SENT);
        assertThatThrownBy(() -> verification.revoke(UserAccountsTest.ADMIN, "nobody@example.com")).isInstanceOf(ApiException.class);
    }
}
