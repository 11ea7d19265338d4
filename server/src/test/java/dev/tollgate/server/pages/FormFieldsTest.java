package dev.tollgate.server.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormFieldsTest {

    private static FormFields parse(String body) {
        return FormFields.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void fieldsArePercentAndPlusDecodedAsUtf8() {
        FormFields form = parse("email=alice%40example.com&password=p%C3%A4ss+word&continue=%2Faccount");
        assertThat(form.text("email")).isEqualTo("alice@example.com");
        assertThat(form.text("password")).isEqualTo("päss word");
        assertThat(form.text("continue")).isEqualTo("/account");
    }

    @Test
    void missingEmptyAndValuelessFieldsReadAsEmpty() {
        FormFields form = parse("a=&b&&=x");
        assertThat(form.optional("a")).isEmpty();
        assertThat(form.optional("b")).isEmpty();
        assertThat(form.optional("c")).isEmpty();
        assertThat(form.text("c")).isEmpty();
        assertThat(parse("").optional("a")).isEmpty();
    }

    @Test
    void fieldSentTwiceIsABadRequestWhenRead() {
        FormFields form = parse("email=a&email=b&ok=1");
        assertThat(form.text("ok")).isEqualTo("1");
        assertThatThrownBy(() -> form.text("email")).isInstanceOf(PageError.class).extracting(e -> ((PageError) e).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%", "a=%4", "a=%C3", "a=%FF%FE", "a=%C0%AF", "a=%ED%A0%80", "%zz=1"})
    void badEscapesAndInvalidUtf8AreBadRequests(String body) {
        assertThatThrownBy(() -> parse(body).text("a")).isInstanceOf(PageError.class)
                .extracting(e -> ((PageError) e).status()).isEqualTo(400);
    }

    @Test
    void rawInvalidUtf8BytesAreABadRequest() {
        assertThatThrownBy(() -> FormFields.parse(new byte[] {'a', '=', (byte) 0xff})).isInstanceOf(PageError.class);
    }

    @Test
    void controlCharactersArePassedOnForTheDomainToRefuse() {
        assertThat(parse("a=x%00y%0A").text("a")).isEqualTo("x\u0000y\n");
    }

    @Test
    void tooManyFieldsIsABadRequest() {
        assertThatThrownBy(() -> parse("a=1&".repeat(65))).isInstanceOf(PageError.class);
        assertThat(parse("a=1&".repeat(64)).optional("b")).isEmpty();
    }
}
