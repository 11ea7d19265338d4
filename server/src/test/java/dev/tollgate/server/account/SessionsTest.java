package dev.tollgate.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void signInUrlCarriesTheContinueUrlEncoded() {
        assertThat(Sessions.signInUrl("/o/oauth2/v2/auth?client_id=a&scope=openid%20email"))
                .isEqualTo("/signin?continue=%2Fo%2Foauth2%2Fv2%2Fauth%3Fclient_id%3Da%26scope%3Dopenid%2520email");
    }

    @Test
    void signInUrlReplacesForeignContinueUrls() {
        assertThat(Sessions.signInUrl("https://evil.com/")).isEqualTo("/signin?continue=%2Faccount");
    }

    @Test
    void signInUrlCarriesPromptAndLoginHint() {
        assertThat(Sessions.signInUrl("/x", SignInPrompt.SELECT_ACCOUNT, "Alice@example.com"))
                .isEqualTo("/signin?continue=%2Fx&prompt=select_account&login_hint=Alice%40example.com");
        assertThat(Sessions.signInUrl("/x", SignInPrompt.LOGIN, null)).isEqualTo("/signin?continue=%2Fx&prompt=login");
    }

    @Test
    void promptListsAreReadLikeOidc() {
        assertThat(SignInPrompt.parse(null)).isEqualTo(SignInPrompt.NONE);
        assertThat(SignInPrompt.parse("consent")).isEqualTo(SignInPrompt.NONE);
        assertThat(SignInPrompt.parse("select_account consent")).isEqualTo(SignInPrompt.SELECT_ACCOUNT);
        assertThat(SignInPrompt.parse("select_account login")).isEqualTo(SignInPrompt.LOGIN);
        assertThat(SignInPrompt.parse("LOGIN")).isEqualTo(SignInPrompt.NONE);
    }
}
