package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasswordResetTest extends MailRulesFixture {

    @Test
    void resetSetsTheNewPasswordAndEndsEverySessionAndToken() {
        User alice = signUp("alice@example.com");
        sessionOf(alice);
        sessionOf(alice);
        User bob = signUp("bob@example.com");
        String bobs = sessionOf(bob);

        reset.requestReset("alice@example.com", HOME);
        assertThat(mail.sent).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("alice@example.com");
            assertThat(m.link()).startsWith("https://tollgate.example/reset-password?token=tgm_");
        });
        assertThat(reset.reset(mail.lastToken("alice@example.com"), "a brand new password")).isPresent();

        assertThat(accounts.authenticate("alice@example.com", "a brand new password", HOME).userId()).isEqualTo(alice.userId());
        assertThatThrownBy(() -> accounts.authenticate("alice@example.com", PASSWORD, HOME)).isInstanceOf(AccountException.class);
        assertThat(sessions.rows.values()).extracting(s -> s.sessionHash()).containsExactly(bobs);
        assertThat(tokensRevokedFor).containsExactly(alice.userId());
    }

    @Test
    void aResetLinkWorksOnce() {
        signUp("alice@example.com");
        reset.requestReset("alice@example.com", HOME);
        String token = mail.lastToken("alice@example.com");
        assertThat(reset.reset(token, "a brand new password")).isPresent();
        assertThat(reset.isLive(token)).isFalse();
        assertThat(reset.reset(token, "an attacker's password")).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", "a brand new password", HOME)).isNotNull();
    }

    @Test
    void aResetLinkLivesThirtyMinutes() {
        signUp("alice@example.com");
        reset.requestReset("alice@example.com", HOME);
        String token = mail.lastToken("alice@example.com");
        clock.advance(Duration.ofMinutes(29));
        assertThat(reset.isLive(token)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(reset.isLive(token)).isFalse();
        assertThat(reset.reset(token, "a brand new password")).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", PASSWORD, HOME)).isNotNull();
    }

    @Test
    void aRefusedPasswordLeavesTheLinkUsable() {
        signUp("alice@example.com");
        reset.requestReset("alice@example.com", HOME);
        String token = mail.lastToken("alice@example.com");
        assertThatThrownBy(() -> reset.reset(token, "short"))
                .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT));
        assertThat(reset.reset(token, "long enough now")).isPresent();
    }

    @Test
    void anUnknownAddressGetsNoMailAndTheSameAnswer() {
        reset.requestReset("nobody@example.com", HOME);
        reset.requestReset("not an address", HOME);
        reset.requestReset(null, HOME);
        assertThat(mail.sent).isEmpty();
    }

    @Test
    void openingAResetLinkProvesTheAddress() {
        User squatter = signUp("bob@example.com");
        assertThat(verification.isVerified(squatter)).isFalse();
        reset.requestReset("bob@example.com", HOME);
        reset.reset(mail.lastToken("bob@example.com"), "bob's own password");
        assertThat(verification.isVerified(users.find(squatter.userId()).orElseThrow())).isTrue();
    }

    @Test
    void aNewerResetLinkRetiresTheOlderOne() {
        signUp("alice@example.com");
        reset.requestReset("alice@example.com", HOME);
        String first = mail.lastToken("alice@example.com");
        reset.requestReset("alice@example.com", HOME);
        assertThat(reset.isLive(first)).isFalse();
        assertThat(reset.isLive(mail.lastToken("alice@example.com"))).isTrue();
    }
}
