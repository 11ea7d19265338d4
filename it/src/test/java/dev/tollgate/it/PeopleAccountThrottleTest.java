package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Failed sign-ins per account: after 5 within 15 minutes the account is refused for a while, with
 * one answer whether or not it exists. A server of its own, since every test here counts failures
 * against the one client address (127.0.0.1).
 */
class PeopleAccountThrottleTest extends PeopleEndToEndTest {
    static final String TOO_MANY = "Too many failed sign-in attempts. Wait a few minutes, then try again.";

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedAndUnknownEmailsLookTheSame() {
        String email = uniqueEmail();
        signedUp(email);
        String unknown = uniqueEmail();

        for (int i = 0; i < 5; i++) {
            assertThat(browser().signIn(email, "wrong password " + i).status()).isEqualTo(403);
            assertThat(browser().signIn(unknown, "wrong password " + i).status()).isEqualTo(403);
        }

        Answer known = browser().signIn(email, PASSWORD);
        Answer missing = browser().signIn(unknown, PASSWORD);
        assertThat(known.status()).as(known.toString()).isEqualTo(429);
        assertThat(known.error()).contains(TOO_MANY);
        assertThat(missing.status()).isEqualTo(known.status());
        assertThat(missing.error()).isEqualTo(known.error());
        assertThat(missing.body().replace(missing.csrfToken(), "T").replace(unknown, "E"))
                .isEqualTo(known.body().replace(known.csrfToken(), "T").replace(email, "E"));

        Browser other = browser();
        assertThat(other.signIn(uniqueEmailSignedUp(), PASSWORD).status()).as("other accounts are not affected").isEqualTo(303);
    }

    private String uniqueEmailSignedUp() {
        String email = uniqueEmail();
        signedUp(email);
        return email;
    }
}
