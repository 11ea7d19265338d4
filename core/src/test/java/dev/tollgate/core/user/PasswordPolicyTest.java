package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static AccountProblem problemOf(String password) {
        try {
            PasswordPolicy.requireAcceptable(password);
            return null;
        } catch (AccountException e) {
            return e.problem();
        }
    }

    @Test
    void eightToTenTwentyFourCharactersAreAccepted() {
        assertThatCode(() -> PasswordPolicy.requireAcceptable("12345678")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.requireAcceptable("x".repeat(1024))).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.requireAcceptable("correct horse battery staple")).doesNotThrowAnyException();
    }

    @Test
    void tooShortOrTooLongIsRefused() {
        assertThat(problemOf(null)).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problemOf("")).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problemOf("1234567")).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problemOf("x".repeat(1025))).isEqualTo(AccountProblem.PASSWORD_TOO_LONG);
        assertThat(problemOf("x".repeat(10_000_000))).isEqualTo(AccountProblem.PASSWORD_TOO_LONG);
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String fourEmoji = "😀😀😀😀";
        assertThat(fourEmoji).hasSize(8);
        assertThat(problemOf(fourEmoji)).isEqualTo(AccountProblem.PASSWORD_TOO_SHORT);
        assertThat(problemOf("😀".repeat(1024))).isNull();
        assertThat(problemOf("😀".repeat(1025))).isEqualTo(AccountProblem.PASSWORD_TOO_LONG);
    }

    @Test
    void unicodeAndSpacesAreAllowed() {
        assertThat(problemOf("pässwörd mit Leerzeichen")).isNull();
        assertThat(problemOf("密码密码密码密码")).isNull();
    }

    @Test
    void controlCharactersAndBrokenSurrogatesAreRefused() {
        assertThat(problemOf("password\u0000x")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
        assertThat(problemOf("password\nline")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
        assertThat(problemOf("password\u007f")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
        assertThat(problemOf("password\u0085")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
        assertThat(problemOf("password\ud800")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
        assertThat(problemOf("\udc00password")).isEqualTo(AccountProblem.PASSWORD_INVALID_CHARACTERS);
    }

    @Test
    void signInChecksOnlyWhatCouldBeRight() {
        assertThat(PasswordPolicy.worthChecking("short")).isTrue();
        assertThat(PasswordPolicy.worthChecking("")).isFalse();
        assertThat(PasswordPolicy.worthChecking(null)).isFalse();
        assertThat(PasswordPolicy.worthChecking("x".repeat(100_000))).isFalse();
    }

    @Test
    void problemMessagesNeverEchoThePassword() {
        assertThatThrownBy(() -> PasswordPolicy.requireAcceptable("secret\u0000")).hasMessageNotContaining("secret");
    }
}
