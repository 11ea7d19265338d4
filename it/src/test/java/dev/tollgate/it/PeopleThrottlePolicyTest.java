package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The throttles that protect people instead of locking them out (README, "Sign-in throttling"),
 * through the real server. The server believes X-Forwarded-For from 127.0.0.1, so each browser here
 * can come from an address of its own; every test uses addresses no other test uses.
 */
class PeopleThrottlePolicyTest extends PeopleEndToEndTest {
    private static final String SLOWED = "Too many failed sign-in attempts";

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--trusted-proxies", "127.0.0.1/32,::1/128"};
    }

    private Browser from(String address) {
        return browser().via(address);
    }

    private String signedUpFrom(String address) {
        String email = uniqueEmail();
        Answer a = from(address).signUp(email, PASSWORD);
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        return email;
    }

    private static void assertThrottled(Answer a, String message) {
        assertThat(a.status()).as(a.toString()).isEqualTo(429);
        assertThat(a.body()).contains(message);
        assertThat(Long.parseLong(a.header("Retry-After"))).isPositive();
        assertThat(a.body()).doesNotContain("Exception");
    }

    @Test
    void wrongPasswordsFromOneAddressNeverLockTheOwnerOutFromAnother() {
        String email = signedUpFrom("198.51.100.10");
        String[] spellings = {email, email.toUpperCase(), " " + email + " "};
        for (int i = 0; i < 5; i++) {
            Answer a = from("203.0.113.10").signIn(spellings[i % spellings.length], "wrong password " + i);
            assertThat(a.status()).as(a.toString()).isEqualTo(403);
        }
        for (String spelling : spellings) {
            assertThrottled(from("203.0.113.10").signIn(spelling, PASSWORD), SLOWED);
        }
        assertThrottled(from("203.0.113.10").signIn(email, PASSWORD), SLOWED);

        Answer owner = from("198.51.100.11").signIn(email, PASSWORD);
        assertThat(owner.status()).as("the owner from their own address: " + owner).isEqualTo(303);
    }

    @Test
    void aDistributedAttackSlowsNewBrowsersButNeverTheOwnersKnownBrowser() {
        String email = signedUpFrom("198.51.100.20");
        Browser owners = from("198.51.100.21");
        Answer signedIn = owners.signIn(email, PASSWORD);
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.setCookies()).anyMatch(c -> c.startsWith("tollgate_device=") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax") && c.contains("Max-Age=34560000"));
        assertThat(owners.signOut().status()).isEqualTo(303);

        // Ten addresses reach the account's ceiling; after it every further attempt from a new browser
        // waits its turn: one per delay for the whole account.
        for (int bot = 0; bot < 12; bot++) {
            from("203.0.113." + (100 + bot)).signIn(email, "wrong password " + bot);
        }
        Browser stranger = from("192.0.2.20");
        Answer slowed = stranger.signIn(email, PASSWORD);
        for (int i = 0; i < 5 && slowed.status() == 303; i++) {
            // The first attempt of a fresh delay slot passes; the next one, right after, does not.
            from("203.0.113." + (120 + i)).signIn(email, "wrong password");
            slowed = from("192.0.2." + (21 + i)).signIn(email, PASSWORD);
        }
        assertThrottled(slowed, SLOWED);
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isLessThanOrEqualTo(60);

        Answer known = owners.via("192.0.2.30").signIn(email, PASSWORD);
        assertThat(known.status()).as("the owner's browser, known by its device cookie: " + known).isEqualTo(303);
        assertThat(owners.signOut().status()).isEqualTo(303);
        Answer fromAnAttackersAddress = owners.via("203.0.113.100").signIn(email, PASSWORD);
        assertThat(fromAnAttackersAddress.status()).as("even from an address the attack came from").isEqualTo(303);
    }

    @Test
    void theBrowserAnAccountWasCreatedInIsKnownEvenBehindTheAttackersAddress() {
        String email = uniqueEmail();
        Browser owners = from("198.51.100.30");
        Answer signedUp = owners.signUp(email, PASSWORD);
        assertThat(signedUp.status()).isEqualTo(303);
        assertThat(signedUp.setCookies()).anyMatch(c -> c.startsWith("tollgate_device="));
        assertThat(owners.signOut().status()).isEqualTo(303);

        // Someone behind the same address (one NAT) fails five times.
        for (int i = 0; i < 5; i++) {
            assertThat(from("198.51.100.30").signIn(email, "wrong password " + i).status()).isEqualTo(403);
        }
        assertThrottled(from("198.51.100.30").signIn(email, PASSWORD), SLOWED);
        Answer known = owners.signIn(email, PASSWORD);
        assertThat(known.status()).as("the browser the account was created in: " + known).isEqualTo(303);
    }

    @Test
    void aDeviceCookieThatTheAccountNeverGaveOutBuysNothing() {
        String email = signedUpFrom("198.51.100.40");
        String otherAccount = signedUpFrom("198.51.100.41");
        Browser attacker = from("203.0.113.40");
        assertThat(attacker.signIn(otherAccount, PASSWORD).status()).as("the attacker's own account").isEqualTo(303);
        String attackersDevice = attacker.cookie("tollgate_device").orElseThrow();
        assertThat(attacker.signOut().status()).isEqualTo(303);

        for (int i = 0; i < 5; i++) {
            attacker.signIn(email, "wrong password " + i);
        }
        assertThrottled(attacker.signIn(email, PASSWORD), SLOWED);

        Browser planted = from("203.0.113.40");
        planted.setCookie("tollgate_device", "A".repeat(32));
        assertThrottled(planted.signIn(email, PASSWORD), SLOWED);
        planted.setCookie("tollgate_device", attackersDevice);
        assertThrottled(planted.signIn(email, PASSWORD), SLOWED);
    }

    @Test
    void signUpsAreThrottledPerAddressWithAClearPage() {
        for (int i = 0; i < 40; i++) {
            Answer malformed = from("203.0.113.50").signUp(uniqueEmail(), "short");
            assertThat(malformed.status()).as("attempts that cannot create an account do not count").isEqualTo(400);
        }
        for (int i = 0; i < 30; i++) {
            Answer a = from("203.0.113.50").signUp(uniqueEmail(), PASSWORD);
            assertThat(a.status()).as("sign-up %d: %s", i + 1, a).isEqualTo(303);
        }
        String email = uniqueEmail();
        Answer refused = from("203.0.113.50").signUp(email, PASSWORD);
        assertThrottled(refused, "Too many accounts were created from your network recently");
        assertThat(refused.setCookies()).noneMatch(c -> c.startsWith("tollgate_session="));
        assertThat(from("203.0.113.51").signIn(email, PASSWORD).status()).as("no account was created").isEqualTo(403);

        assertThat(from("203.0.113.52").signUp(uniqueEmail(), PASSWORD).status()).as("another address").isEqualTo(303);
    }

    @Test
    void wrongDeviceCodesAreThrottledOnTheFormAndTheDecisionAlike() {
        Browser person = from("198.51.100.60");
        String email = uniqueEmail();
        assertThat(person.signUp(email, PASSWORD).status()).isEqualTo(303);
        for (int i = 0; i < 5; i++) {
            Answer a = person.submit("/device", "/device", Map.of("user_code", "BBBB-BBB" + "CDFGH".charAt(i)));
            assertThat(a.status()).as(a.toString()).isEqualTo(400);
        }
        for (int i = 0; i < 5; i++) {
            Answer a = person.submit("/device", "/device/decision", Map.of("user_code", "CCCC-CCC" + "CDFGH".charAt(i), "decision", "allow"));
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.body()).contains("That code is not valid any more");
        }
        assertThrottled(person.submit("/device", "/device", Map.of("user_code", "DDDD-DDDD")), "Too many wrong codes");
        assertThrottled(person.submit("/device", "/device/decision", Map.of("user_code", "DDDD-DDDD", "decision", "allow")),
                "Too many wrong codes");
        assertThrottled(person.submit("/device", "/device", Map.of("user_code", "not even a code")), "Too many wrong codes");
    }

    @Test
    void wrongDeviceCodesAreThrottledPerAddressAcrossPeople() {
        Answer last = null;
        for (int p = 0; p < 4 && (last == null || last.status() != 429); p++) {
            Browser person = from("198.51.100.70");
            assertThat(person.signUp(uniqueEmail(), PASSWORD).status()).isEqualTo(303);
            for (int i = 0; i < 10; i++) {
                last = person.submit("/device", "/device", Map.of("user_code", "BBBB-BBB" + "CDFGHJKLMN".charAt(i)));
                if (last.status() == 429) {
                    assertThat(p * 10 + i).as("wrong codes from the address before the refusal").isEqualTo(30);
                    break;
                }
            }
        }
        assertThrottled(last, "Too many wrong codes");
        Browser elsewhere = from("198.51.100.71");
        assertThat(elsewhere.signUp(uniqueEmail(), PASSWORD).status()).isEqualTo(303);
        assertThat(elsewhere.submit("/device", "/device", Map.of("user_code", "BBBB-BBBB")).status()).as("another address").isEqualTo(400);
    }
}
