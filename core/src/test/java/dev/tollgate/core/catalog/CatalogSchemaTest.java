package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code schemas} of an API and the {@code request}/{@code response} of its methods. */
class CatalogSchemaTest {

    private static final String VALID = """
            apis:
              - name: shop
                version: v1
                title: Shop API
                description: Orders of the shop.
                backend: builtin:shop
                scopes:
                  - name: shop
                    description: See and place your orders
                schemas:
                  Order:
                    type: object
                    description: An order.
                    properties:
                      id: {type: string}
                      count: {type: integer, format: int32}
                      state: {type: string, enum: [open, shipped]}
                      lines: {type: array, items: {$ref: Line}}
                      labels: {type: object, additionalProperties: {type: string}}
                      parent: {$ref: Order, description: The order this one splits.}
                  Line:
                    type: object
                    properties:
                      sku: {type: string, required: true}
                      price: {type: number, format: double}
                methods:
                  - id: shop.orders.insert
                    http: POST
                    path: /orders
                    access: authorized
                    scopes: [shop]
                    request: Order
                    response: Order
                  - id: shop.orders.get
                    http: GET
                    path: /orders/{orderId}
                    access: either
                    scopes: [shop]
                    response: Order
                  - id: shop.orders.delete
                    http: DELETE
                    path: /orders/{orderId}
                    access: authorized
                    scopes: [shop]
                    response: none
            """;

    @Test
    void schemasAndBodiesAreReadInCatalogOrder() {
        ApiDefinition shop = CatalogLoader.parse("catalog.yaml", VALID).api("shop", "v1").orElseThrow();
        assertThat(shop.description()).isEqualTo("Orders of the shop.");
        assertThat(shop.schemas()).containsOnlyKeys("Order", "Line");
        JsonSchema order = shop.schemas().get("Order");
        assertThat(order.properties()).containsOnlyKeys("id", "count", "state", "lines", "labels", "parent");
        assertThat(order.properties().keySet()).containsExactly("id", "count", "state", "lines", "labels", "parent");
        assertThat(order.properties().get("state").enumValues()).containsExactly("open", "shipped");
        assertThat(order.properties().get("lines").items().ref()).isEqualTo("Line");
        assertThat(order.properties().get("labels").additionalProperties().type()).isEqualTo("string");
        assertThat(order.properties().get("parent").ref()).isEqualTo("Order");
        assertThat(shop.schemas().get("Line").properties().get("sku").required()).isTrue();
        ApiMethod insert = shop.methods().get(0);
        assertThat(insert.request()).isEqualTo("Order");
        assertThat(insert.response()).isEqualTo("Order");
        assertThat(shop.methods().get(1).request()).isNull();
        assertThat(shop.methods().get(2).response()).isEqualTo(ApiMethod.NO_BODY);
    }

    @Test
    void apiWithoutSchemasHasNone() {
        String yaml = VALID.substring(0, VALID.indexOf("    schemas:")) + """
                    methods:
                      - id: shop.orders.list
                        http: GET
                        path: /orders
                        access: simple
                """;
        ApiDefinition shop = CatalogLoader.parse("catalog.yaml", yaml).api("shop", "v1").orElseThrow();
        assertThat(shop.schemas()).isEmpty();
        assertThat(shop.methods().get(0).request()).isNull();
        assertThat(shop.methods().get(0).response()).isNull();
    }

    @Test
    void schemasThatAreNotAMappingAreRefused() {
        String yaml = VALID.substring(0, VALID.indexOf("    schemas:")) + """
                    schemas: [Order]
                    methods:
                      - id: shop.orders.list
                        http: GET
                        path: /orders
                        access: simple
                """;
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:" + lineOf(VALID, "    schemas:") + ":")
                .hasMessageContaining("'schemas' must be a mapping of names to schemas, found a list");
    }

    @Test
    void undeclaredResponseIsReportedAtFileLineAndColumn() {
        String yaml = VALID.replace("        response: Order\n      - id: shop.orders.get", "        response: Ordr\n      - id: shop.orders.get");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog.yaml:" + (lineOf(VALID, "        request: Order") + 1) + ":19: method 'shop.orders.insert': "
                        + "schema 'Ordr' is not declared in the 'schemas' of API shop v1 (write 'none' for a method that answers without a body)");
    }

    @Test
    void referenceToAnUndeclaredSchemaIsReportedWhereItIsWritten() {
        String original = "          lines: {type: array, items: {$ref: Line}}";
        String replacement = "          lines: {type: array, items: {$ref: Lines}}";
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", withLines(VALID, original, replacement)))
                .isInstanceOf(CatalogException.class)
                .hasMessage("catalog.yaml:" + lineOf(VALID, original) + ":" + (replacement.indexOf("Lines") + 1)
                        + ": schema 'Order': property 'lines': items: schema 'Lines' is not declared in the 'schemas' of API shop v1");
    }

    @Test
    void schemasOfAnotherApiCannotBeReferenced() {
        String other = """
                  - name: store
                    version: v1
                    title: Store API
                    backend: builtin:store
                    methods:
                      - id: store.orders.get
                        http: GET
                        path: /orders/{orderId}
                        access: simple
                        response: Order
                """;
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", VALID + other))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:" + (VALID.lines().count() + 10) + ":")
                .hasMessageContaining("schema 'Order' is not declared in the 'schemas' of API store v1");
    }

    static Stream<Arguments> singleLineMistakes() {
        return Stream.of(
                mistake("      Order:", "      order:", "schema name 'order' is not valid"),
                mistake("      Order:", "      Order-2:", "schema name 'Order-2' is not valid"),
                mistake("      Line:", "      JsonObject:", "schema name 'JsonObject' is reserved"),
                mistake("        type: object", "        type: dict", "type 'dict' is not valid"),
                mistake("        type: object", "        type: [object]", "'type' must be text, found a list"),
                mistake("        type: object", "        kind: object", "unknown field 'kind'"),
                mistake("          id: {type: string}", "          id: {}", "a schema must have either 'type' or '$ref'"),
                mistake("          id: {type: string}", "          id: {type: string, $ref: Line}", "a schema has either 'type' or '$ref', not both"),
                mistake("          id: {type: string}", "          id: {$ref: Line, format: date}", "a schema with '$ref' may only add"),
                mistake("          id: {type: string}", "          id: string", "a schema must be a mapping, found the text 'string'"),
                mistake("          id: {type: string}", "          id: {type: string, items: {type: string}}", "only a schema of type array has 'items'"),
                mistake("          id: {type: string}", "          id: {type: string, properties: {a: {type: string}}}", "only a schema of type object has 'properties'"),
                mistake("          id: {type: string}", "          my-id: {type: string}", "property name 'my-id' is not valid"),
                mistake("          id: {type: string}", "          id: {type: string, format: int32}", "format 'int32' does not apply to type string"),
                mistake("          id: {type: string}", "          id: {type: boolean, format: date}", "type boolean, which takes no format"),
                mistake("          id: {type: string}", "          id: {type: string, required: yes please}", "'required' must be true or false"),
                mistake("          count: {type: integer, format: int32}", "          count: {type: integer, format: int64}", "format 'int64' does not apply to type integer"),
                mistake("          count: {type: integer, format: int32}", "          count: {type: integer, enum: [a]}", "only a schema of type string has 'enum'"),
                mistake("          state: {type: string, enum: [open, shipped]}", "          state: {type: string, enum: []}", "'enum' must list at least one value"),
                mistake("          state: {type: string, enum: [open, shipped]}", "          state: {type: string, enum: [open, open]}", "'enum' lists 'open' twice"),
                mistake("          state: {type: string, enum: [open, shipped]}", "          state: {type: string, enum: [1]}", "each entry of 'enum' must be text"),
                mistake("          lines: {type: array, items: {$ref: Line}}", "          lines: {type: array}", "a schema of type array must say what it holds in 'items'"),
                mistake("          lines: {type: array, items: {$ref: Line}}", "          lines: {type: array, items: {$ref: line}}", "schema name 'line' is not valid"),
                mistake("          labels: {type: object, additionalProperties: {type: string}}", "          labels: {type: object, properties: [a]}",
                        "'properties' must be a mapping of names to schemas, found a list"),
                mistake("          labels: {type: object, additionalProperties: {type: string}}", "          labels: {type: object, additionalProperties: string}",
                        "a schema must be a mapping, found the text 'string'"),
                mistake("        request: Order", "        request: Line2", "schema 'Line2' is not declared in the 'schemas' of API shop v1"),
                mistake("        request: Order", "        request: none", "schema 'none' is not declared"),
                mistake("        response: none", "        response: None", "schema 'None' is not declared"),
                mistake("        response: none", "        response: [Order]", "'response' must be text, found a list"),
                mistake("        response: none", "        request: Order", "a DELETE method has no request body"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("singleLineMistakes")
    void mistakeIsReportedAtItsLine(String original, String replacement, String expectedProblem) {
        String yaml = withLines(VALID, original, replacement);
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> {
                    CatalogException problem = (CatalogException) e;
                    assertThat(problem.line()).as(problem.getMessage()).isEqualTo(lineOf(VALID, original));
                    assertThat(problem.getMessage()).startsWith("catalog.yaml:" + problem.line() + ":").contains(expectedProblem);
                });
    }

    @Test
    void requestOnAGetMethodIsRefused() {
        String yaml = VALID.replace("        response: Order\n      - id: shop.orders.delete", "        request: Order\n      - id: shop.orders.delete");
        assertThatThrownBy(() -> CatalogLoader.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("a GET method has no request body, so it takes no 'request' schema");
    }

    @Test
    void recordsRefuseWhatTheReaderRefuses() {
        PathTemplate path = PathTemplate.parse("/orders");
        assertThatThrownBy(() -> new ApiMethod("shop.orders.list", "GET", path, Access.SIMPLE, java.util.Set.of(), 1,
                java.math.BigDecimal.ZERO, "Order", null)).hasMessageContaining("a GET method has no request body");
        ApiMethod get = new ApiMethod("shop.orders.list", "GET", path, Access.SIMPLE, java.util.Set.of(), 1, java.math.BigDecimal.ZERO,
                null, "Orders");
        assertThatThrownBy(() -> new ApiDefinition("shop", "v1", "Shop", new Backend.BuiltIn("shop"), List.of(), List.of(get),
                QuotaLimits.DEFAULT, 0, null, Map.of())).hasMessageContaining("schema 'Orders' is not declared");
        assertThatThrownBy(() -> new ApiDefinition("shop", "v1", "Shop", new Backend.BuiltIn("shop"), List.of(), List.of(get),
                QuotaLimits.DEFAULT, 0, null, Map.of("Orders", JsonSchema.reference("Missing"))))
                .hasMessageContaining("schema 'Missing' is not declared");
        assertThatThrownBy(() -> new JsonSchema("string", "Order", null, null, List.of(), Map.of(), null, null, false))
                .hasMessageContaining("not both");
    }

    @Test
    void builtInSamplesDeclareTheirBodies() {
        ApiCatalog builtIn = CatalogLoader.builtIn();
        assertThat(builtIn.method("posts.people.posts.insert").orElseThrow().request()).isEqualTo("NewPost");
        assertThat(builtIn.method("posts.people.posts.list").orElseThrow().response()).isEqualTo("PostList");
        assertThat(builtIn.method("calendar.events.delete").orElseThrow().response()).isEqualTo(ApiMethod.NO_BODY);
        for (ApiDefinition api : builtIn.apis()) {
            for (ApiMethod method : api.methods()) {
                assertThat(method.response()).as(method.id()).isNotNull();
                if (method.hasRequestBody()) {
                    assertThat(method.request()).as(method.id()).isNotNull();
                }
            }
        }
    }

    private static Arguments mistake(String original, String replacement, String expectedProblem) {
        return Arguments.of(original, replacement, expectedProblem);
    }

    private static String withLines(String yaml, String original, String replacement) {
        String[] lines = yaml.split("\n", -1);
        int index = lineOf(yaml, original) - 1;
        lines[index] = replacement;
        return String.join("\n", lines);
    }

    private static int lineOf(String yaml, String line) {
        List<String> lines = Arrays.asList(yaml.split("\n", -1));
        int index = lines.indexOf(line);
        if (index < 0) {
            throw new IllegalArgumentException("no line " + line);
        }
        return index + 1;
    }
}
