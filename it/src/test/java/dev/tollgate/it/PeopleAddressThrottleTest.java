package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Failed sign-ins per client address: after 20 within 15 minutes, over any accounts, that address
 * is refused for a while, even for an account that never failed. A server of its own.
 */
class PeopleAddressThrottleTest extends PeopleEndToEndTest {

    @Test
    void twentyFailuresFromOneAddressStopAllSignInsFromIt() {
        String email = uniqueEmail();
        signedUp(email);

        for (int i = 0; i < 19; i++) {
            assertThat(browser().signIn(uniqueEmail(), "wrong password").status()).as("failure %d", i + 1).isEqualTo(403);
        }
        Answer stillOpen = browser().signIn(email, PASSWORD);
        assertThat(stillOpen.status()).as(stillOpen.toString()).isEqualTo(303);

        assertThat(browser().signIn(uniqueEmail(), "wrong password").status()).as("failure 20").isEqualTo(403);
        Answer blocked = browser().signIn(email, PASSWORD);
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(429);
        assertThat(blocked.error()).contains("Too many failed sign-in attempts");
    }

    @Test
    void throttlingNeverStopsSignUpOrPagesThatNeedNoPassword() {
        assertThat(browser().get("/signin").status()).isEqualTo(200);
        assertThat(browser().signUp(uniqueEmail(), PASSWORD).status()).isEqualTo(303);
    }
}
