package dev.tollgate.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code schemas} of one API: named JSON schemas in the subset Discovery documents use.
 * Every {@code $ref} must name a schema of the same API; references are checked once all names are
 * known, so schemas may refer to each other in any order, and to themselves.
 */
final class SchemaReader {

    private static final Set<String> SCHEMA_FIELDS = Set.of("type", "$ref", "description", "format", "enum", "properties",
            "items", "additionalProperties", "required");

    private record Reference(String name, SourcePosition position, String context) {
    }

    private final CatalogSource source;
    private final String apiLabel;
    private final List<Reference> references = new ArrayList<>();

    SchemaReader(CatalogSource source, String apiLabel) {
        this.source = source;
        this.apiLabel = apiLabel;
    }

    Map<String, JsonSchema> read(Fields api) {
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        if (api.optional("schemas").isEmpty()) {
            return schemas;
        }
        YamlNode.Mapping mapping = mapping(api, api.optional("schemas").get(), "'schemas'");
        for (YamlNode.Entry entry : mapping.entries().values()) {
            String name = entry.key();
            api.checkedAt(entry.keyPosition(), () -> {
                ApiDefinition.checkSchemaName(name);
                return null;
            });
            schemas.put(name, readSchema(entry.value(), "schema '" + name + "': "));
        }
        for (Reference reference : references) {
            if (!schemas.containsKey(reference.name())) {
                throw source.error(reference.position(), reference.context() + ApiDefinition.undeclaredSchema(reference.name(), apiLabel));
            }
        }
        return schemas;
    }

    private JsonSchema readSchema(YamlNode node, String context) {
        Fields schema = Fields.of(source, node, "a schema", context, SCHEMA_FIELDS);
        String ref = schema.optionalString("$ref").orElse(null);
        String type = schema.optionalString("type").orElse(null);
        if (ref != null && type != null) {
            throw schema.error(schema.positionOf("$ref"), "a schema has either 'type' or '$ref', not both");
        }
        if (ref != null) {
            schema.check("$ref", () -> JsonSchema.checkSchemaName(ref));
            references.add(new Reference(ref, schema.positionOf("$ref"), context));
        } else if (type == null) {
            throw schema.error(schema.position(), "a schema must have either 'type' or '$ref'");
        } else {
            schema.check("type", () -> JsonSchema.checkType(type));
        }
        String description = schema.optionalString("description").orElse(null);
        String format = schema.optionalString("format").orElse(null);
        if (format != null && type != null) {
            schema.check("format", () -> JsonSchema.checkFormat(type, format));
        }
        List<String> enumValues = readEnum(schema, type);
        Map<String, JsonSchema> properties = readProperties(schema, context);
        JsonSchema items = schema.optional("items").map(value -> readSchema(value, context + "items: ")).orElse(null);
        JsonSchema additional = schema.optional("additionalProperties")
                .map(value -> readSchema(value, context + "additionalProperties: ")).orElse(null);
        boolean required = readRequired(schema);
        String where = ref != null ? "$ref" : "type";
        return schema.checked(where, () -> new JsonSchema(type, ref, description, format, enumValues, properties, items, additional, required));
    }

    private List<String> readEnum(Fields schema, String type) {
        List<String> values = new ArrayList<>();
        for (YamlNode item : schema.optionalList("enum").orElse(List.of())) {
            if (!(item instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.STRING) {
                throw schema.error(item.position(), "each entry of 'enum' must be text, found " + item.description());
            }
            values.add(scalar.text());
        }
        if (schema.optional("enum").isPresent()) {
            if (values.isEmpty()) {
                throw schema.error(schema.positionOf("enum"), "'enum' must list at least one value");
            }
            schema.check("enum", () -> JsonSchema.checkEnum(type, values));
        }
        return values;
    }

    private Map<String, JsonSchema> readProperties(Fields schema, String context) {
        Map<String, JsonSchema> properties = new LinkedHashMap<>();
        if (schema.optional("properties").isEmpty()) {
            return properties;
        }
        YamlNode.Mapping mapping = mapping(schema, schema.optional("properties").get(), "'properties'");
        for (YamlNode.Entry entry : mapping.entries().values()) {
            String name = entry.key();
            schema.checkedAt(entry.keyPosition(), () -> {
                JsonSchema.checkPropertyName(name);
                return null;
            });
            properties.put(name, readSchema(entry.value(), context + "property '" + name + "': "));
        }
        return properties;
    }

    private static boolean readRequired(Fields schema) {
        return schema.optional("required").map(value -> {
            if (value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.BOOLEAN) {
                return Boolean.parseBoolean(scalar.text());
            }
            throw schema.error(value.position(), "'required' must be true or false, found " + value.description());
        }).orElse(false);
    }

    private static YamlNode.Mapping mapping(Fields owner, YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw owner.error(node.position(), what + " must be a mapping of names to schemas, found " + node.description());
    }
}
