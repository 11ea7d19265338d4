package dev.tollgate.server.admin.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for the JSON Schema (2020-12, as OpenAPI 3.1 uses it) the description is made of. */
final class Schema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Schema() {}

    static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }

    static ObjectNode string(String description) {
        return type("string").put("description", description);
    }

    static ObjectNode time(String description) {
        return string(description).put("format", "date-time");
    }

    static ObjectNode integer(String description) {
        return type("integer").put("format", "int64").put("description", description);
    }

    static ObjectNode bool(String description) {
        return type("boolean").put("description", description);
    }

    static ObjectNode oneOf(String description, String... values) {
        ObjectNode s = string(description);
        ArrayNode e = s.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return s;
    }

    static ObjectNode arrayOf(JsonNode items, String description) {
        ObjectNode s = type("array").put("description", description);
        s.set("items", items);
        return s;
    }

    static ObjectNode ref(String component) {
        return NODES.objectNode().put("$ref", "#/components/schemas/" + component);
    }

    /** A reference with a description of its own, which OpenAPI 3.1 allows next to {@code $ref}. */
    static ObjectNode ref(String component, String description) {
        return ref(component).put("description", description);
    }

    /** An object with these properties; those named in {@code required} are always present. */
    static Obj object(String description) {
        return new Obj(description);
    }

    static final class Obj {
        private final ObjectNode node;
        private final ObjectNode properties;
        private final ArrayNode required;

        private Obj(String description) {
            node = type("object").put("description", description);
            required = node.putArray("required");
            properties = node.putObject("properties");
        }

        /** A field every answer carries. */
        Obj required(String name, JsonNode schema) {
            properties.set(name, schema);
            required.add(name);
            return this;
        }

        /** A field that may be left out. */
        Obj optional(String name, JsonNode schema) {
            properties.set(name, schema);
            return this;
        }

        /** Unknown fields are refused (request bodies) rather than ignored. */
        Obj closed() {
            node.put("additionalProperties", false);
            return this;
        }

        ObjectNode build() {
            ObjectNode copy = node.deepCopy();
            if (required.isEmpty()) {
                copy.remove("required");
            }
            return copy;
        }
    }
}
