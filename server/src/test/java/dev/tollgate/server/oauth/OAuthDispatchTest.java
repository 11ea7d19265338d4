package dev.tollgate.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests the token endpoints answer ahead of Javalin, and which go on to its routes. */
class OAuthDispatchTest {
    private final OAuthDispatch open = new OAuthDispatch(null, null, null, Optional.empty());
    private final OAuthDispatch withApiHost = new OAuthDispatch(null, null, null, Optional.of("api.example"));

    @ParameterizedTest
    @CsvSource({
            "POST, /token", "POST, /introspect", "POST, /tokeninfo", "GET, /tokeninfo", "HEAD, /tokeninfo"})
    void theTokenEndpointsAreAnsweredAheadOfJavalin(String method, String path) {
        assertThat(open.callFor(method, path, "tollgate.example")).isPresent();
        assertThat(withApiHost.callFor(method, path, "tollgate.example:8080")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
            // preflights and other methods: Javalin's CORS routes and its 404
            "OPTIONS, /token", "OPTIONS, /tokeninfo", "GET, /token", "PUT, /token", "GET, /introspect", "DELETE, /tokeninfo",
            "post, /token",
            // other spellings of the paths are not these endpoints
            "POST, /token/", "POST, //token", "POST, /Token", "POST, /%74oken", "POST, /token;x", "POST, /./token",
            "POST, /introspect/", "GET, /tokeninfo/", "GET, /v1/tokeninfo",
            // the endpoints Javalin still routes
            "POST, /revoke", "POST, /device/code", "GET, /v1/userinfo", "POST, /o/oauth2/v2/auth"})
    void everythingElseGoesOnToJavalin(String method, String path) {
        assertThat(open.callFor(method, path, "tollgate.example")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"api.example", "API.example", "api.example:443", "Api.Example:8443"})
    void onTheApiHostNameTheyGoOnToJavalinWhichRefusesThem(String host) {
        assertThat(withApiHost.callFor("POST", "/token", host)).isEmpty();
        assertThat(withApiHost.callFor("GET", "/tokeninfo", host)).isEmpty();
    }
}
