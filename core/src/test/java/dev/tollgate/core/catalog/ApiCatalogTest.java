package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiCatalogTest {

    private static ApiMethod method(String id, String verb, String path, String... scopes) {
        return new ApiMethod(id, verb, PathTemplate.parse(path), scopes.length == 0 ? Access.SIMPLE : Access.EITHER,
                Set.of(scopes), 1, BigDecimal.ZERO);
    }

    private static ApiDefinition api(String name, List<ScopeDefinition> scopes, ApiMethod... methods) {
        return new ApiDefinition(name, "v1", "Title", new Backend.BuiltIn(name), scopes, List.of(methods), QuotaLimits.DEFAULT, 0);
    }

    @Test
    void matchPrefersLiteralSegmentOverVariableWhateverTheOrder() {
        ApiCatalog variableFirst = new ApiCatalog(List.of(api("items", List.of(),
                method("items.get", "GET", "/items/{id}"), method("items.recent", "GET", "/items/recent"))));
        ApiCatalog literalFirst = new ApiCatalog(List.of(api("items", List.of(),
                method("items.recent", "GET", "/items/recent"), method("items.get", "GET", "/items/{id}"))));
        for (ApiCatalog catalog : List.of(variableFirst, literalFirst)) {
            assertThat(catalog.match("items", "v1", "GET", "/items/recent")).map(m -> m.method().id()).contains("items.recent");
            assertThat(catalog.match("items", "v1", "GET", "/items/42")).map(m -> m.pathParams()).contains(Map.of("id", "42"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "HEAD", "OPTIONS", "POST", ""})
    void matchWhenVerbIsNotDeclaredThenNoMatch(String verb) {
        ApiCatalog catalog = new ApiCatalog(List.of(api("items", List.of(), method("items.get", "GET", "/items/{id}"))));
        assertThat(catalog.match("items", "v1", verb, "/items/1")).isEmpty();
    }

    @Test
    void matchWithNullArgumentsThenNoMatch() {
        ApiCatalog catalog = CatalogLoader.builtIn();
        assertThat(catalog.match(null, "v1", "GET", "/posts/1")).isEmpty();
        assertThat(catalog.match("posts", null, "GET", "/posts/1")).isEmpty();
        assertThat(catalog.match("posts", "v1", null, "/posts/1")).isEmpty();
        assertThat(catalog.match("posts", "v1", "GET", null)).isEmpty();
        assertThat(catalog.match("unknown", "v1", "GET", "/posts/1")).isEmpty();
    }

    @Test
    void lookupsByNameFindDeclaredItemsOnly() {
        ApiCatalog catalog = CatalogLoader.builtIn();
        assertThat(catalog.api("posts", "v1")).isPresent();
        assertThat(catalog.api("posts", "v3")).isEmpty();
        assertThat(catalog.api(null, null)).isEmpty();
        assertThat(catalog.scope("admin")).isEmpty();
        assertThat(catalog.scope(null)).isEmpty();
        assertThat(catalog.method("posts.posts.delete")).isEmpty();
        assertThat(catalog.method(null)).isEmpty();
    }

    @Test
    void catalogCollectionsAreUnmodifiable() {
        ApiCatalog catalog = CatalogLoader.builtIn();
        assertThatThrownBy(() -> catalog.apis().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.scopeNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
        ApiDefinition posts = catalog.apis().get(0);
        assertThatThrownBy(() -> posts.methods().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> posts.scopes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> posts.methods().get(0).scopes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void catalogCopiesTheListItIsGiven() {
        ApiDefinition items = api("items", List.of(), method("items.get", "GET", "/items/{id}"));
        List<ApiDefinition> source = new ArrayList<>(List.of(items));
        ApiCatalog catalog = new ApiCatalog(source);
        source.clear();
        assertThat(catalog.apis()).containsExactly(items);
        assertThat(catalog).isEqualTo(new ApiCatalog(List.of(items)));
        assertThat(catalog.apis()).isEqualTo(List.of(items));
    }

    @Test
    void catalogRejectsTheSameApiTwice() {
        ApiDefinition items = api("items", List.of(), method("items.get", "GET", "/items/{id}"));
        assertThatThrownBy(() -> new ApiCatalog(List.of(items, items)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API items v1 is declared twice");
    }

    @Test
    void catalogRejectsAScopeDeclaredByTwoApis() {
        List<ScopeDefinition> shared = List.of(new ScopeDefinition("shared", "Do things"));
        ApiDefinition one = api("one", shared, method("one.get", "GET", "/x", "shared"));
        ApiDefinition two = api("two", shared, method("two.get", "GET", "/x", "shared"));
        assertThatThrownBy(() -> new ApiCatalog(List.of(one, two))).hasMessageContaining("scope 'shared'");
    }

    @Test
    void catalogRejectsAMethodIdUsedByTwoApis() {
        ApiDefinition one = api("one", List.of(), method("same.id", "GET", "/x"));
        ApiDefinition two = api("two", List.of(), method("same.id", "GET", "/x"));
        assertThatThrownBy(() -> new ApiCatalog(List.of(one, two))).hasMessageContaining("method id 'same.id'");
    }

    @Test
    void apiDefinitionRejectsAMethodScopeItDoesNotDeclare() {
        assertThatThrownBy(() -> api("items", List.of(), method("items.get", "GET", "/items", "items.read")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scope 'items.read' is not declared by API items v1");
    }

    @Test
    void apiDefinitionRejectsTwoMethodsWithTheSameRoute() {
        assertThatThrownBy(() -> api("items", List.of(), method("items.a", "GET", "/items/{a}"), method("items.b", "GET", "/items/{b}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GET /items/{b} has the same route as method 'items.a'");
    }

    @Test
    void apiMethodAcceptingTokensRequiresAScope() {
        assertThatThrownBy(() -> new ApiMethod("items.get", "GET", PathTemplate.parse("/x"), Access.AUTHORIZED, Set.of(), 1, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one scope");
    }

    @Test
    void accessTellsWhichCredentialsAreAccepted() {
        assertThat(Access.SIMPLE.allowsKey()).isTrue();
        assertThat(Access.SIMPLE.allowsToken()).isFalse();
        assertThat(Access.AUTHORIZED.allowsKey()).isFalse();
        assertThat(Access.AUTHORIZED.allowsToken()).isTrue();
        assertThat(Access.EITHER.allowsKey()).isTrue();
        assertThat(Access.EITHER.allowsToken()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/", "http://user:pw@host/", "https://host/?q=1", "https://host/#f", "http:opaque",
        "http:///nohost", "/relative", "http://host:70000/"})
    void httpBackendRejectsUnsafeOrIncompleteUrls(String url) {
        assertThatThrownBy(() -> new Backend.Http(URI.create(url))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotaLimitsMustBePositive() {
        assertThatThrownBy(() -> new QuotaLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(QuotaLimits.DEFAULT).isEqualTo(new QuotaLimits(600, 100_000, 60));
    }
}
