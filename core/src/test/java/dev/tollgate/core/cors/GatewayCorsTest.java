package dev.tollgate.core.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayCorsTest {
    private static final String APP = "https://app.example";

    private static final ApiCatalog CATALOG = CatalogLoader.parse("catalog.yaml", """
            apis:
              - name: open
                version: v1
                title: Open API
                backend: builtin:open
                methods:
                  - {id: open.items.list, http: GET, path: /items, access: simple}
                  - {id: open.items.insert, http: POST, path: /items, access: simple}
                  - {id: open.items.delete, http: DELETE, path: "/items/{id}", access: simple}
              - name: shop
                version: v1
                title: Shop API
                backend: builtin:shop
                cors:
                  allowedOrigins: ["https://app.example", "http://localhost:5173"]
                  allowedHeaders: [X-Request-Id]
                methods:
                  - {id: shop.orders.list, http: GET, path: /orders, access: simple}
                  - {id: shop.orders.update, http: PATCH, path: "/orders/{id}", access: simple}
              - name: closed
                version: v1
                title: Closed API
                backend: builtin:closed
                cors: {allowedOrigins: []}
                methods:
                  - {id: closed.things.list, http: GET, path: /things, access: simple}
            """);

    private final GatewayCors cors = new GatewayCors(CATALOG);

    private static Preflight preflight(String origin, String method, String headers) {
        return Preflight.of(origin, method, headers).orElseThrow();
    }

    @Test
    void anyOriginIsTheDefaultAndAnswersStar() {
        CorsAnswer answer = cors.preflight("/open/v1/items", preflight("https://anyone.example", "POST", "authorization,content-type"));
        assertThat(answer).isInstanceOf(CorsAnswer.Allowed.class);
        assertThat(answer.headers()).containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Methods", "GET, HEAD, POST")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Goog-Api-Key, X-Goog-Api-Client")
                .containsEntry("Access-Control-Max-Age", "3600")
                .doesNotContainKeys("Access-Control-Allow-Credentials", "Vary");
        assertThat(cors.forCall("/open/v1/items", "https://anyone.example"))
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Expose-Headers", GatewayCors.EXPOSED)
                .doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void methodsAreThoseTheCatalogDeclaresAtThePath() {
        assertThat(cors.preflight("/open/v1/items/42", preflight(APP, "DELETE", null)).headers())
                .containsEntry("Access-Control-Allow-Methods", "DELETE");
        assertThat(cors.preflight("/open/v1/items/42", preflight(APP, "PUT", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight("/open/v1/nothing", preflight(APP, "GET", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight("/nope/v1/items", preflight(APP, "GET", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight("/open/v1/items", preflight(APP, "OPTIONS", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight("/open/v1/items", preflight(APP, "get", null))).as("methods are case-sensitive")
                .isInstanceOf(CorsAnswer.Refused.class);
    }

    @Test
    void aListedOriginIsEchoedWithVary() {
        CorsAnswer answer = cors.preflight("/shop/v1/orders/7", preflight(APP, "PATCH", "content-type,x-request-id"));
        assertThat(answer).isInstanceOf(CorsAnswer.Allowed.class);
        assertThat(answer.headers()).containsEntry("Access-Control-Allow-Origin", APP).containsEntry("Vary", "Origin")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Goog-Api-Key, X-Goog-Api-Client, X-Request-Id");
        assertThat(cors.forCall("/shop/v1/orders", "http://localhost:5173"))
                .containsEntry("Access-Control-Allow-Origin", "http://localhost:5173").containsEntry("Vary", "Origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "https://app.example/", "http://app.example", "https://app.example:8443", "https://app.example.evil.com",
        "https://evil.com", "https://app.example@evil.com", "https://evil.com#@app.example", "http://127.0.0.1:5173",
        "http://localhost:5174", "https://APP.example.", "https://app.example, https://evil.com"})
    void otherOriginsGetNoCorsHeaders(String origin) {
        CorsAnswer answer = cors.preflight("/shop/v1/orders", preflight(origin, "GET", null));
        assertThat(answer).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(answer.headers()).containsOnlyKeys("Vary");
        assertThat(cors.forCall("/shop/v1/orders", origin)).containsOnlyKeys("Vary");
    }

    @Test
    void anOriginSpelledInUpperCaseIsTheSameOriginAndEchoedAsSent() {
        assertThat(cors.forCall("/shop/v1/orders", "HTTPS://App.Example:443"))
                .containsEntry("Access-Control-Allow-Origin", "HTTPS://App.Example:443");
    }

    @Test
    void headersTheApiDoesNotTakeAreRefused() {
        CorsAnswer answer = cors.preflight("/open/v1/items", preflight(APP, "POST", "authorization,cookie"));
        assertThat(answer).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(((CorsAnswer.Refused) answer).reason()).contains("cookie");
        assertThat(cors.preflight("/open/v1/items", preflight(APP, "POST", "X-Request-Id"))).as("shop's header is shop's only")
                .isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight("/open/v1/items", preflight(APP, "POST", " Accept , Content-Type ,, X-Goog-Api-Key")))
                .isInstanceOf(CorsAnswer.Allowed.class);
    }

    @Test
    void anEmptyListLetsNoPageCall() {
        assertThat(cors.preflight("/closed/v1/things", preflight(APP, "GET", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.forCall("/closed/v1/things", APP)).isEqualTo(Map.of("Vary", "Origin"));
    }

    @Test
    void withoutOriginOrRequestedMethodThereIsNoPreflight() {
        assertThat(Preflight.of(null, "GET", null)).isEmpty();
        assertThat(Preflight.of(APP, null, null)).isEmpty();
        assertThat(Preflight.of(APP, "GET", "A, b").orElseThrow().headers()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aPathOutsideTheCatalogGetsNothing() {
        assertThat(cors.forCall("/nope/v1/x", APP)).isEmpty();
        assertThat(cors.forCall("/", APP)).isEmpty();
    }
}
