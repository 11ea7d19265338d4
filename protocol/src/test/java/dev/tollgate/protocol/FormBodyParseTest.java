package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyParseTest {

    @Test
    void namesAndValuesAreDecodedAsRfc6749AppendixBSendsThem() throws OAuthException {
        FormBody form = FormBody.parse("grant_type=refresh_token&scope=a+b%20c&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&%74oken=%C3%A9");

        assertThat(form.required("grant_type")).isEqualTo("refresh_token");
        assertThat(form.required("scope")).isEqualTo("a b c");
        assertThat(form.required("redirect_uri")).isEqualTo("https://app.example/cb");
        assertThat(form.required("token")).isEqualTo("é");
    }

    @Test
    void aParameterSentTwiceInAnySpellingIsRefused() throws OAuthException {
        FormBody form = FormBody.parse("token=a&%74oken=b");

        assertThat(form.params()).containsEntry("token", List.of("a", "b"));
        assertThatThrownBy(() -> form.required("token")).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void emptyPairsAreSkippedAndANameWithoutValueIsAbsent() throws OAuthException {
        FormBody form = FormBody.parse("&&token&scope=&grant_type=x&");

        assertThat(form.params().keySet()).containsExactlyInAnyOrder("token", "scope", "grant_type");
        assertThat(form.optional("token")).isEmpty();
        assertThat(form.optional("scope")).isEmpty();
        assertThat(form.required("grant_type")).isEqualTo("x");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsAnEmptyForm(String encoded) throws OAuthException {
        assertThat(FormBody.parse(encoded).params()).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=%", "token=%4", "token=%zz", "token=abc%G1", "%=x", "to%ken=x", "token=a&scope=%%", "token=%u0041"})
    void aMalformedEscapeFailsTheFormInsteadOfDroppingItsParameter(String encoded) {
        assertThatThrownBy(() -> FormBody.parse(encoded)).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("percent-encoded");
        });
    }

    @Test
    void theParsedFormCannotBeChanged() throws OAuthException {
        FormBody form = FormBody.parse("token=a");

        assertThatThrownBy(() -> form.params().get("token").add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
