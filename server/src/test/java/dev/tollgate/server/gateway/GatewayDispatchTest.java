package dev.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.catalog.CatalogLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests the gateway takes before Javalin's routes: calls of catalog APIs, in their exact spelling, and nothing else. */
class GatewayDispatchTest {
    private final GatewayDispatch dispatch = new GatewayDispatch(CatalogLoader.builtIn().apis(), null);

    @ParameterizedTest
    @ValueSource(strings = {"/posts/v1/posts", "/posts/v1/posts/1", "/posts/v1/", "/posts/v1//x", "/posts/v1/$discovery/rest/more",
            "/posts/v1/$discovery", "/calendar/v3/calendars/primary/events", "/posts/v1/%2e%2e/admin"})
    void callsOfCatalogApisGoToTheGateway(String path) {
        assertThat(dispatch.isGatewayPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/v1", "/posts", "/", "", "posts/v1/posts", "//posts/v1/posts", "/POSTS/v1/posts", "/Posts/v1/posts",
            "/%70osts/v1/posts", "/posts/V1/posts", "/posts/v2/posts", "/posts/v1.0/posts", "/posts;x/v1/posts", "/posts/v1;x/posts",
            "/posts/v1/$discovery/rest", "/admin/v1/projects", "/discovery/v1/apis", "/token", "/console/projects",
            "/o/oauth2/v2/auth", "/.well-known/openid-configuration", "/unknown/v1/x"})
    void everythingElseGoesToTheRoutes(String path) {
        assertThat(dispatch.isGatewayPath(path)).isFalse();
    }
}
