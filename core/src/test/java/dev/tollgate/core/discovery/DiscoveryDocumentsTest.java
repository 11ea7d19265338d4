package dev.tollgate.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {

    private static final Issuer ISSUER = new Issuer("https://api.example.com/");
    private final DiscoveryDocuments builtIn = new DiscoveryDocuments(CatalogLoader.builtIn(), ISSUER);

    @Test
    void documentNamesTheApiAndWhereItIsServed() {
        ObjectNode posts = builtIn.restDescription("posts", "v1").orElseThrow();
        assertThat(posts.get("kind").asText()).isEqualTo("discovery#restDescription");
        assertThat(posts.get("discoveryVersion").asText()).isEqualTo("v1");
        assertThat(posts.get("id").asText()).isEqualTo("posts:v1");
        assertThat(posts.get("name").asText()).isEqualTo("posts");
        assertThat(posts.get("version").asText()).isEqualTo("v1");
        assertThat(posts.get("title").asText()).isEqualTo("Posts API");
        assertThat(posts.get("description").asText()).startsWith("Short posts");
        assertThat(posts.get("protocol").asText()).isEqualTo("rest");
        assertThat(posts.get("rootUrl").asText()).isEqualTo("https://api.example.com/");
        assertThat(posts.get("servicePath").asText()).isEqualTo("posts/v1/");
        assertThat(posts.get("baseUrl").asText()).isEqualTo("https://api.example.com/posts/v1/");
        assertThat(posts.has("batchPath")).as("no batch endpoint is offered").isFalse();
    }

    @Test
    void standardQueryParametersAreListed() {
        JsonNode parameters = builtIn.restDescription("calendar", "v3").orElseThrow().get("parameters");
        assertThat(names(parameters)).contains("key", "access_token", "alt", "fields", "prettyPrint", "quotaUser", "oauth_token", "callback");
        parameters.fields().forEachRemaining(p -> {
            assertThat(p.getValue().get("location").asText()).as(p.getKey()).isEqualTo("query");
            assertThat(p.getValue().has("type")).as(p.getKey()).isTrue();
            assertThat(p.getValue().has("description")).as(p.getKey()).isTrue();
        });
        assertThat(parameters.get("alt").get("enum")).hasSize(1);
        assertThat(parameters.get("alt").get("enum").get(0).asText()).isEqualTo("json");
    }

    @Test
    void methodIdsNestResourcesWithoutTheApiName() {
        ObjectNode posts = builtIn.restDescription("posts", "v1").orElseThrow();
        JsonNode list = posts.at("/resources/people/resources/posts/methods/list");
        assertThat(list.get("id").asText()).isEqualTo("posts.people.posts.list");
        assertThat(list.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(list.get("path").asText()).isEqualTo("people/{userId}/posts");
        assertThat(list.get("flatPath").asText()).isEqualTo("people/{userId}/posts");
        assertThat(list.at("/parameters/userId/location").asText()).isEqualTo("path");
        assertThat(list.at("/parameters/userId/type").asText()).isEqualTo("string");
        assertThat(list.at("/parameters/userId/required").asBoolean()).isTrue();
        assertThat(texts(list.get("parameterOrder"))).containsExactly("userId");
        assertThat(posts.at("/resources/posts/methods/get/id").asText()).isEqualTo("posts.posts.get");
        assertThat(posts.at("/resources/people/resources/posts/methods/insert/httpMethod").asText()).isEqualTo("POST");
        assertThat(names(posts.get("resources"))).containsExactlyInAnyOrder("people", "posts");
        assertThat(posts.has("methods")).isFalse();
    }

    @Test
    void methodsNameTheirScopesAndBodies() {
        ObjectNode posts = builtIn.restDescription("posts", "v1").orElseThrow();
        JsonNode insert = posts.at("/resources/people/resources/posts/methods/insert");
        assertThat(texts(insert.get("scopes"))).containsExactly("posts");
        assertThat(insert.at("/request/$ref").asText()).isEqualTo("NewPost");
        assertThat(insert.at("/response/$ref").asText()).isEqualTo("Post");
        JsonNode list = posts.at("/resources/people/resources/posts/methods/list");
        assertThat(texts(list.get("scopes"))).containsExactly("posts", "posts.readonly");
        assertThat(list.has("request")).as("a GET has no body").isFalse();
        assertThat(list.at("/response/$ref").asText()).isEqualTo("PostList");
        JsonNode delete = builtIn.restDescription("calendar", "v3").orElseThrow().at("/resources/events/methods/delete");
        assertThat(delete.has("response")).as("declared response: none").isFalse();
        JsonNode calendarList = builtIn.restDescription("calendar", "v3").orElseThrow().at("/resources/events/methods/list");
        assertThat(calendarList.has("parameters")).as("no path parameters").isFalse();
        assertThat(calendarList.has("parameterOrder")).isFalse();
        assertThat(texts(delete.get("parameterOrder"))).containsExactly("eventId");
    }

    @Test
    void scopesCarryTheCatalogsDescriptionsUnderTheNamesTheTokenEndpointKnows() {
        JsonNode scopes = builtIn.restDescription("posts", "v1").orElseThrow().at("/auth/oauth2/scopes");
        assertThat(names(scopes)).containsExactly("posts", "posts.readonly");
        assertThat(scopes.at("/posts.readonly/description").asText()).isEqualTo("See your posts");
    }

    @Test
    void everyReferenceResolvesToASchemaOfTheDocument() {
        for (String[] api : new String[][] {{"posts", "v1"}, {"calendar", "v3"}}) {
            ObjectNode document = builtIn.restDescription(api[0], api[1]).orElseThrow();
            List<String> refs = new ArrayList<>();
            collectRefs(document, refs);
            assertThat(refs).isNotEmpty();
            assertThat(names(document.get("schemas"))).containsAll(refs);
            document.get("schemas").fields().forEachRemaining(s -> assertThat(s.getValue().get("id").asText()).isEqualTo(s.getKey()));
        }
        JsonNode post = builtIn.restDescription("posts", "v1").orElseThrow().at("/schemas/Post");
        assertThat(post.get("type").asText()).isEqualTo("object");
        assertThat(post.at("/properties/createTime/format").asText()).isEqualTo("date-time");
        assertThat(texts(post.at("/properties/visibility/enum"))).containsExactly("public", "private");
        assertThat(builtIn.restDescription("posts", "v1").orElseThrow().at("/schemas/PostList/properties/items/items/$ref").asText())
                .isEqualTo("Post");
        assertThat(builtIn.restDescription("posts", "v1").orElseThrow().at("/schemas/NewPost/properties/content/required").asBoolean())
                .isTrue();
    }

    @Test
    void undescribedBodiesAreGenericObjectsAndOtherIdsKeepTheirSegments() {
        ApiCatalog catalog = CatalogLoader.parse("catalog.yaml", """
                apis:
                  - name: shop
                    version: v1
                    title: Shop API
                    backend: https://shop.internal.example/api
                    billing: {freeCallsPerMonth: 4242}
                    methods:
                      - id: shop.list
                        http: GET
                        path: /things
                        access: simple
                      - id: orders.lines.update
                        http: PUT
                        path: /orders/{orderId}/lines/{lineId}
                        access: simple
                """);
        ObjectNode shop = new DiscoveryDocuments(catalog, ISSUER).restDescription("shop", "v1").orElseThrow();
        assertThat(shop.at("/methods/list/id").asText()).isEqualTo("shop.list");
        assertThat(shop.at("/methods/list/response/$ref").asText()).isEqualTo("JsonObject");
        assertThat(shop.at("/methods/list").has("scopes")).as("a key-only method lists no scopes").isFalse();
        JsonNode update = shop.at("/resources/orders/resources/lines/methods/update");
        assertThat(update.get("id").asText()).isEqualTo("orders.lines.update");
        assertThat(texts(update.get("parameterOrder"))).containsExactly("orderId", "lineId");
        assertThat(update.at("/request/$ref").asText()).isEqualTo("JsonObject");
        assertThat(shop.at("/schemas/JsonObject/type").asText()).isEqualTo("object");
        assertThat(shop.at("/schemas/JsonObject/additionalProperties/type").asText()).isEqualTo("any");
        assertThat(shop.get("description").asText()).as("the title stands in").isEqualTo("Shop API");
        assertThat(shop.at("/auth/oauth2/scopes").isEmpty()).isTrue();
        assertThat(shop.toString()).as("the backend and the accounting stay private")
                .doesNotContain("internal.example").doesNotContain("4242").doesNotContain("pricePer1000");
    }

    @Test
    void directoryListsEveryVersionAndPrefersTheHighest() {
        String versions = """
                apis:
                """ + api("shop", "v1") + api("shop", "v2beta1") + api("shop", "v10") + api("shop", "v2") + api("cart", "v1beta");
        DiscoveryDocuments documents = new DiscoveryDocuments(CatalogLoader.parse("catalog.yaml", versions), ISSUER);
        ObjectNode directory = documents.directory(Optional.empty(), false);
        assertThat(directory.get("kind").asText()).isEqualTo("discovery#directoryList");
        assertThat(directory.get("discoveryVersion").asText()).isEqualTo("v1");
        List<String> preferred = new ArrayList<>();
        directory.get("items").forEach(item -> {
            if (item.get("preferred").asBoolean()) {
                preferred.add(item.get("id").asText());
            }
        });
        assertThat(preferred).containsExactlyInAnyOrder("shop:v10", "cart:v1beta");
        JsonNode first = directory.get("items").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("discovery#directoryItem");
        assertThat(first.get("name").asText()).isEqualTo("shop");
        assertThat(first.get("version").asText()).isEqualTo("v1");
        assertThat(first.get("title").asText()).isEqualTo("Shop API");
        assertThat(first.get("discoveryRestUrl").asText()).isEqualTo("https://api.example.com/discovery/v1/apis/shop/v1/rest");
        assertThat(directory.get("items")).hasSize(5);
        assertThat(documents.directory(Optional.of("shop"), false).get("items")).hasSize(4);
        assertThat(documents.directory(Optional.of("shop"), true).get("items")).hasSize(1);
        assertThat(documents.directory(Optional.of("nothing"), false).has("items")).isFalse();
        assertThat(documents.directory(Optional.empty(), true).get("items")).hasSize(2);
    }

    @Test
    void stableVersionIsPreferredOverItsPreReleases() {
        assertThat(VersionOrder.OLDEST_FIRST.compare("v2", "v2beta1")).isPositive();
        assertThat(VersionOrder.OLDEST_FIRST.compare("v2beta2", "v2beta1")).isPositive();
        assertThat(VersionOrder.OLDEST_FIRST.compare("v10", "v9")).isPositive();
        assertThat(VersionOrder.OLDEST_FIRST.compare("v3alpha", "v2")).isPositive();
        assertThat(VersionOrder.OLDEST_FIRST.compare("v1", "v1")).isZero();
    }

    @Test
    void unknownApiOrVersionHasNoDocument() {
        assertThat(builtIn.restDescription("posts", "v2")).isEmpty();
        assertThat(builtIn.restDescription("post", "v1")).isEmpty();
        assertThat(builtIn.restDescription("posts\nv1", "")).isEmpty();
    }

    @Test
    void callersCannotChangeTheSharedDocuments() {
        builtIn.restDescription("posts", "v1").orElseThrow().put("rootUrl", "https://evil.example/");
        builtIn.directory(Optional.empty(), false).putArray("items");
        assertThat(builtIn.restDescription("posts", "v1").orElseThrow().get("rootUrl").asText()).isEqualTo("https://api.example.com/");
        assertThat(builtIn.directory(Optional.empty(), false).get("items")).hasSize(2);
    }

    private static String api(String name, String version) {
        return """
                  - name: %s
                    version: %s
                    title: %s API
                    backend: builtin:%s
                    methods:
                      - id: %s.%s.things.list
                        http: GET
                        path: /things
                        access: simple
                """.formatted(name, version, name.substring(0, 1).toUpperCase() + name.substring(1), name, name, version);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
