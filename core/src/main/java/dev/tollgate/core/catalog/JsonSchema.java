package dev.tollgate.core.catalog;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A request or response body as the catalog declares it, in the subset of JSON Schema that Google's
 * Discovery documents use: either a reference to another schema of the same API ({@code $ref}) or a
 * {@code type} with what that type allows.
 *
 * @param type object, array, string, integer, number, boolean or any; {@code null} for a reference
 * @param ref the name of a schema of the same API; {@code null} unless this is a reference
 * @param description what a person reads in generated client documentation; may be {@code null}
 * @param format how a string or number is written, such as {@code date-time} or {@code int64}; may be {@code null}
 * @param enumValues the only values a string may take; empty for any value
 * @param properties an object's fields, in catalog order
 * @param items what an array holds; {@code null} unless the type is array
 * @param additionalProperties the value of every key of a map-like object; may be {@code null}
 * @param required whether a property must be present (JSON Schema draft 3, as Discovery has it)
 */
public record JsonSchema(String type, String ref, String description, String format, List<String> enumValues,
        Map<String, JsonSchema> properties, JsonSchema items, JsonSchema additionalProperties, boolean required) {

    static final List<String> TYPES = List.of("object", "array", "string", "integer", "number", "boolean", "any");
    /** The formats Google's client libraries understand, by type; anything else is a typo. */
    static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("byte", "date", "date-time", "int64", "uint64", "google-datetime", "google-duration", "google-fieldmask"),
            "integer", Set.of("int32", "uint32"),
            "number", Set.of("double", "float"));

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public JsonSchema {
        enumValues = List.copyOf(enumValues);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        if (type == null && ref == null) {
            throw new IllegalArgumentException("a schema must have either 'type' or '$ref'");
        }
        if (type != null && ref != null) {
            throw new IllegalArgumentException("a schema has either 'type' or '$ref', not both");
        }
        if (ref != null) {
            checkSchemaName(ref);
            if (format != null || !enumValues.isEmpty() || !properties.isEmpty() || items != null || additionalProperties != null) {
                throw new IllegalArgumentException("a schema with '$ref' may only add 'description' and 'required'");
            }
        } else {
            checkType(type);
            checkFormat(type, format);
            if (!enumValues.isEmpty()) {
                checkEnum(type, enumValues);
            }
            if (!"object".equals(type) && (!properties.isEmpty() || additionalProperties != null)) {
                throw new IllegalArgumentException("only a schema of type object has 'properties' or 'additionalProperties'");
            }
            if ("array".equals(type) != (items != null)) {
                throw new IllegalArgumentException("array".equals(type)
                        ? "a schema of type array must say what it holds in 'items'"
                        : "only a schema of type array has 'items'");
            }
            properties.keySet().forEach(JsonSchema::checkPropertyName);
        }
    }

    /** A reference to a schema of the same API. */
    public static JsonSchema reference(String name) {
        return new JsonSchema(null, name, null, null, List.of(), Map.of(), null, null, false);
    }

    /** A schema of one type without anything else, such as {@code {type: string}}. */
    public static JsonSchema ofType(String type) {
        return new JsonSchema(type, null, null, null, List.of(), Map.of(), null, null, false);
    }

    /** Calls {@code visitor} with every schema nested in this one (properties, items, map values), depth first. */
    public void forEachNested(Consumer<JsonSchema> visitor) {
        for (JsonSchema property : properties.values()) {
            visitor.accept(property);
            property.forEachNested(visitor);
        }
        for (JsonSchema nested : new JsonSchema[] {items, additionalProperties}) {
            if (nested != null) {
                visitor.accept(nested);
                nested.forEachNested(visitor);
            }
        }
    }

    static void checkSchemaName(String name) {
        if (name == null || !SCHEMA_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema name " + CatalogRules.quote(name)
                    + " is not valid; expected an uppercase letter, then letters or digits (like PostList), at most 63");
        }
    }

    static void checkPropertyName(String name) {
        if (name == null || !PROPERTY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("property name " + CatalogRules.quote(name)
                    + " is not valid; expected a letter or '_', then letters, digits or '_', at most 63");
        }
    }

    static void checkType(String type) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type " + CatalogRules.quote(type) + " is not valid; use " + String.join(", ", TYPES));
        }
    }

    static void checkFormat(String type, String format) {
        if (format == null) {
            return;
        }
        Set<String> allowed = FORMATS.getOrDefault(type, Set.of());
        if (!allowed.contains(format)) {
            throw new IllegalArgumentException("format " + CatalogRules.quote(format) + " does not apply to type " + type
                    + (allowed.isEmpty() ? ", which takes no format" : "; use " + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    static void checkEnum(String type, List<String> values) {
        if (!"string".equals(type)) {
            throw new IllegalArgumentException("only a schema of type string has 'enum'");
        }
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("'enum' values must not be empty");
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException("'enum' lists '" + value + "' twice");
            }
        }
    }
}
