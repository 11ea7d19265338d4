package dev.tollgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The authorization endpoint's query parameters. */
class AuthorizationRequestFuzzTest {

    /**
     * Property: any query either parses or is refused with an OAuthException (never another
     * exception); a parsed request keeps the identified client and redirect URI, has at least one
     * scope, a state of at most 2048 characters, prompt=none alone, and when PKCE is required (or a
     * challenge is given) an S256 challenge of the right shape.
     */
    @FuzzTest
    void authorizationRequestIsConsistentOrRefused(byte[] data) {
        FormInput input = FormInput.of(data);
        for (boolean pkceRequired : new boolean[] {false, true}) {
            AuthorizationRequest request;
            AuthorizationRequest.Target target;
            try {
                target = AuthorizationRequest.identify(input.form());
                request = AuthorizationRequest.parse(input.form(), target, pkceRequired);
            } catch (OAuthException refused) {
                continue;
            }
            assertThat(request.clientId()).isEqualTo(target.clientId()).isNotEmpty();
            assertThat(request.redirectUri()).isEqualTo(target.redirectUri()).isNotEmpty();
            assertThat(request.scopes().isEmpty()).isFalse();
            request.state().ifPresent(s -> assertThat(s.length()).isLessThanOrEqualTo(2048));
            if (request.prompt().contains(AuthorizationRequest.Prompt.NONE)) {
                assertThat(request.prompt()).hasSize(1);
            }
            if (pkceRequired || request.codeChallenge() != null) {
                assertThat(Pkce.isValidS256Challenge(request.codeChallenge())).isTrue();
            }
        }
    }
}
