package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltInCatalogTest {

    private final ApiCatalog catalog = CatalogLoader.builtIn();

    @Test
    void builtInCatalogDeclaresPostsAndCalendar() {
        assertThat(catalog.apis()).extracting(ApiDefinition::label).containsExactly("posts v1", "calendar v3");
        ApiDefinition posts = catalog.api("posts", "v1").orElseThrow();
        assertThat(posts.title()).isEqualTo("Posts API");
        assertThat(posts.backend()).isEqualTo(new Backend.BuiltIn("posts"));
        assertThat(posts.freeCallsPerMonth()).isEqualTo(1000);
        assertThat(posts.quota()).isEqualTo(QuotaLimits.DEFAULT);
        ApiDefinition calendar = catalog.api("calendar", "v3").orElseThrow();
        assertThat(calendar.title()).isEqualTo("Calendar API");
        assertThat(calendar.backend()).isEqualTo(new Backend.BuiltIn("calendar"));
    }

    @Test
    void builtInScopesHaveConsentScreenDescriptions() {
        assertThat(catalog.scopeNames()).containsExactly("posts", "posts.readonly", "calendar", "calendar.readonly");
        assertThat(catalog.scope("posts")).map(ScopeDefinition::description).contains("See, edit, create and delete your posts");
        assertThat(catalog.scope("posts.readonly")).map(ScopeDefinition::description).contains("See your posts");
        assertThat(catalog.scope("calendar")).map(ScopeDefinition::description)
                .contains("See, edit, share and permanently delete all the calendars you can access");
        assertThat(catalog.scope("calendar.readonly")).map(ScopeDefinition::description)
                .contains("See and download any calendar you can access");
    }

    @Test
    void postsMethodsHaveTheContractedAccessScopesAndPrices() {
        ApiMethod list = catalog.method("posts.people.posts.list").orElseThrow();
        assertThat(list.access()).isEqualTo(Access.EITHER);
        assertThat(list.scopes()).containsExactly("posts", "posts.readonly");
        assertThat(list.pricePer1000()).isEqualByComparingTo("0.40");

        ApiMethod get = catalog.method("posts.posts.get").orElseThrow();
        assertThat(get.access()).isEqualTo(Access.EITHER);
        assertThat(get.pricePer1000()).isEqualByComparingTo("0.20");

        ApiMethod insert = catalog.method("posts.people.posts.insert").orElseThrow();
        assertThat(insert.access()).isEqualTo(Access.AUTHORIZED);
        assertThat(insert.scopes()).containsExactly("posts");
        assertThat(insert.pricePer1000()).isEqualByComparingTo(new BigDecimal("1.00"));
    }

    @Test
    void matchListPostsReturnsUserIdParam() {
        MethodMatch match = catalog.match("posts", "v1", "GET", "/people/me/posts").orElseThrow();
        assertThat(match.api().name()).isEqualTo("posts");
        assertThat(match.method().id()).isEqualTo("posts.people.posts.list");
        assertThat(match.pathParams()).isEqualTo(Map.of("userId", "me"));
    }

    @Test
    void matchGetPostReturnsPostIdParam() {
        MethodMatch match = catalog.match("posts", "v1", "GET", "/posts/abc123").orElseThrow();
        assertThat(match.method().id()).isEqualTo("posts.posts.get");
        assertThat(match.pathParams()).isEqualTo(Map.of("postId", "abc123"));
    }

    @Test
    void matchInsertPostOnlyForMe() {
        assertThat(catalog.match("posts", "v1", "POST", "/people/me/posts")).map(m -> m.method().id())
                .contains("posts.people.posts.insert");
        assertThat(catalog.match("posts", "v1", "POST", "/people/someone/posts")).isEmpty();
    }

    @Test
    void matchCalendarMethodsByVerb() {
        assertThat(catalog.match("calendar", "v3", "GET", "/calendars/primary/events")).map(m -> m.method().id())
                .contains("calendar.events.list");
        assertThat(catalog.match("calendar", "v3", "POST", "/calendars/primary/events")).map(m -> m.method().id())
                .contains("calendar.events.insert");
        MethodMatch delete = catalog.match("calendar", "v3", "DELETE", "/calendars/primary/events/ev1").orElseThrow();
        assertThat(delete.method().id()).isEqualTo("calendar.events.delete");
        assertThat(delete.pathParams()).isEqualTo(Map.of("eventId", "ev1"));
        assertThat(catalog.method("calendar.events.list").orElseThrow().scopes()).containsExactly("calendar", "calendar.readonly");
        assertThat(catalog.method("calendar.events.delete").orElseThrow().scopes()).containsExactly("calendar");
    }

    @Test
    void matchWhenVersionIsNotDeclaredThenNoMatch() {
        assertThat(catalog.match("posts", "v2", "GET", "/posts/1")).isEmpty();
        assertThat(catalog.match("calendar", "v1", "GET", "/calendars/primary/events")).isEmpty();
    }
}
