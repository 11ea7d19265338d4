package dev.tollgate.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailSettingsTest {

    @Test
    void smtpUrlGivesHostPortAndPercentDecodedCredentials() {
        var smtp = MailSettings.parseSmtp("smtp://me%40example.com:p%40ss%3Aw%2Frd+x@mail.example.com:2525");
        assertThat(smtp.host()).isEqualTo("mail.example.com");
        assertThat(smtp.port()).isEqualTo(2525);
        assertThat(smtp.implicitTls()).isFalse();
        assertThat(smtp.user()).contains("me@example.com");
        assertThat(smtp.password()).contains("p@ss:w/rd+x");
    }

    @Test
    void portsDefaultToSubmissionAndImplicitTls() {
        assertThat(MailSettings.parseSmtp("smtp://mail.example.com").port()).isEqualTo(587);
        var tls = MailSettings.parseSmtp("SMTPS://mail.example.com");
        assertThat(tls.port()).isEqualTo(465);
        assertThat(tls.implicitTls()).isTrue();
        assertThat(tls.user()).isEmpty();
        assertThat(tls.password()).isEmpty();
    }

    @Test
    void thePasswordNeverShowsInTheSettingsText() {
        var smtp = MailSettings.parseSmtp("smtps://me:secret@mail.example.com:465");
        assertThat(smtp.toString()).isEqualTo("smtps://me@mail.example.com:465").doesNotContain("secret");
        assertThat(MailSettings.parseSmtp("smtp://me@mail.example.com").password()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mail.example.com", "http://mail.example.com", "smtp://", "smtp:///x", "smtp://mail.example.com/x",
            "smtp://mail.example.com?tls=no", "smtp://mail.example.com#f", "smtp://mail.example.com:0", "smtp://mail.example.com:70000",
            "smtp://[::1", "smtp://a b"})
    void malformedUrlsAreRefusedNamingTheOption(String url) {
        assertThatThrownBy(() -> MailSettings.parseSmtp(url)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--smtp");
    }
}
