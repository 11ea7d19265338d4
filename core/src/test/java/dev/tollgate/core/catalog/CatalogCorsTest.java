package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.net.WebOrigin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** An API's {@code cors}: which pages may call it from a browser. */
class CatalogCorsTest {

    private static String catalog(String cors) {
        return """
                apis:
                  - name: shop
                    version: v1
                    title: Shop API
                    backend: builtin:shop
                %s
                    methods:
                      - {id: shop.orders.list, http: GET, path: /orders, access: simple}
                """.formatted(cors);
    }

    private static ApiDefinition shop(String cors) {
        return CatalogLoader.parse("catalog.yaml", catalog(cors)).api("shop", "v1").orElseThrow();
    }

    @Test
    void withoutCorsEveryOriginMayCall() {
        assertThat(shop("").cors()).isEqualTo(CorsSettings.ANY_ORIGIN);
        assertThat(shop("    cors: {allowedHeaders: [X-Request-Id]}").cors().anyOrigin()).isTrue();
        assertThat(shop("    cors: {allowedOrigins: [\"*\"]}").cors()).isEqualTo(CorsSettings.ANY_ORIGIN);
    }

    @Test
    void listedOriginsAreKeptAsBrowsersSendThem() {
        CorsSettings cors = shop("    cors:\n      allowedOrigins: [\"https://App.example:443\", \"http://localhost:5173\"]\n"
                + "      allowedHeaders: [X-Request-Id]").cors();
        assertThat(cors.anyOrigin()).isFalse();
        assertThat(cors.origins()).isEqualTo(Set.of(new WebOrigin("https", "app.example", 443), new WebOrigin("http", "localhost", 5173)));
        assertThat(cors.allowedHeaders()).isEqualTo(List.of("X-Request-Id"));
        assertThat(shop("    cors: {allowedOrigins: []}").cors().origins()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/", "https://app.example/*", "https://*.example", "app.example", "null",
        "https://user@app.example", "ftp://app.example", "https://app.example:99999"})
    void aBadOriginStopsTheStartAtItsLine(String origin) {
        String yaml = catalog("    cors:\n      allowedOrigins:\n        - \"https://good.example\"\n        - \"" + origin + "\"");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:9:11: API shop v1: allowedOrigins: '" + origin + "' is not an origin");
    }

    @Test
    void starCannotBeListedWithOthers() {
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", catalog("    cors: {allowedOrigins: [\"*\", \"https://a.example\"]}")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("\"*\" allows every origin");
    }

    @Test
    void unknownFieldsAndBadHeadersAreRefused() {
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", catalog("    cors: {allowCredentials: true}")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("unknown field 'allowCredentials'");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", catalog("    cors: {allowedHeaders: [\"X Bad\"]}")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("allowedHeaders: 'X Bad' is not a header name");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", catalog("    cors: {allowedOrigins: [42]}")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("each entry of 'allowedOrigins' must be text");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", catalog("    cors: {allowedHeaders: [X-A, x-a]}")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("'x-a' is listed twice");
    }
}
