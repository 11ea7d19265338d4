package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The token endpoint's form body and Authorization header. */
class TokenRequestFuzzTest {

    /**
     * Property: any body and header either parse to a token request or are refused with an
     * OAuthException (never another exception); a parsed request's own form (and Basic header)
     * parses back to an equal request, so what the endpoint acts on is exactly what was sent.
     */
    @FuzzTest
    void tokenRequestRoundTripsThroughItsForm(byte[] data) {
        FormInput input = FormInput.of(data);
        TokenRequest request;
        try {
            request = TokenRequest.parse(input.form(), input.authorization());
        } catch (OAuthException refused) {
            return;
        }
        Map<String, List<String>> form = request.toForm();
        Optional<String> basic = request.clientAuth() instanceof ClientAuth.SecretBasic b
                ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (formEncode(b.id()) + ":" + formEncode(b.secret())).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        TokenRequest again;
        try {
            again = TokenRequest.parse(new FormBody(form), basic);
        } catch (OAuthException e) {
            throw new AssertionError("the form of " + request + " is refused: " + e.getMessage(), e);
        }
        assertThat(again).isEqualTo(request);
    }

    /**
     * Property: a parameter sent twice is always refused, and a value read from the form is never
     * empty and never longer than FormBody.MAX_VALUE_LENGTH.
     */
    @FuzzTest
    void formValuesAreSingleNonEmptyAndBounded(byte[] data) {
        FormInput input = FormInput.of(data);
        for (var entry : input.form().params().entrySet()) {
            try {
                Optional<String> value = input.form().optional(entry.getKey());
                assertThat(entry.getValue()).hasSizeLessThanOrEqualTo(1);
                value.ifPresent(v -> assertThat(v).isNotEmpty().hasSizeLessThanOrEqualTo(FormBody.MAX_VALUE_LENGTH));
            } catch (OAuthException refused) {
                assertThat(entry.getValue().size() > 1 || entry.getValue().get(0).length() > FormBody.MAX_VALUE_LENGTH).isTrue();
            }
        }
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
