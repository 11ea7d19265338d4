package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(EmailAddress.normalize("  Alice.Smith+Tag@Example.COM ")).isEqualTo("alice.smith+tag@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "admin@localhost", "first.last@sub.example.co.uk", "x_y%z-1@a-b.example", "1@2.3"})
    void reasonableAddressesAreAccepted(String email) {
        assertThat(EmailAddress.parse(email)).contains(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.com", "alice@", "alice@@example.com", "al ice@example.com",
            ".alice@example.com", "alice.@example.com", "al..ice@example.com", "alice@-example.com", "alice@example-.com",
            "alice@example..com", "alice@.example.com", "alice@example.com.", "\"quoted\"@example.com", "alice@[127.0.0.1]",
            "ålice@example.com", "alice@exämple.com", "alice@example.com\u0000", "alice\n@example.com", "alice@example.com\r\nBcc: x@y",
            "<alice@example.com>", "alice@example.com,bob@example.com", "alice\\@example.com", "alice@exa_mple.com"})
    void malformedAddressesAreRefused(String email) {
        assertThat(EmailAddress.parse(email)).isEmpty();
        assertThatThrownBy(() -> EmailAddress.normalize(email)).isInstanceOf(AccountException.class)
                .extracting(e -> ((AccountException) e).problem()).isEqualTo(AccountProblem.EMAIL_INVALID);
    }

    @Test
    void nullIsRefused() {
        assertThat(EmailAddress.parse(null)).isEmpty();
    }

    @Test
    void lengthLimitsFollowRfc5321AndMemberSyntax() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddress.parse(local64 + "@example.com")).isPresent();
        assertThat(EmailAddress.parse("a" + local64 + "@example.com")).isEmpty();

        String domain190 = ("b".repeat(62) + ".").repeat(3) + "b";
        assertThat(domain190).hasSize(190);
        assertThat(EmailAddress.parse("a@" + domain190)).isPresent();
        assertThat(EmailAddress.parse("a@b" + domain190)).isEmpty();

        String label64 = "c".repeat(64);
        assertThat(EmailAddress.parse("a@" + label64 + ".com")).isEmpty();
    }

    @Test
    void hugeInputIsRefusedCheaply() {
        String huge = "a".repeat(5_000_000) + "@example.com";
        long start = System.nanoTime();
        assertThat(EmailAddress.parse(huge)).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
    }
}
