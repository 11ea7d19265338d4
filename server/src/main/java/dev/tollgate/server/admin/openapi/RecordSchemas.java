package dev.tollgate.server.admin.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Schemas of the records the server binds requests to and writes answers from ({@code ApiErrorBody},
 * {@code KeyRestrictions}, the key and client files), read from the records as Jackson sees them, so
 * that a field renamed or added in the record is renamed or added in the description too.
 */
final class RecordSchemas {
    private final ObjectMapper mapper;
    private final Map<String, ObjectNode> schemas = new TreeMap<>();

    RecordSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Adds the schema of a record the server only writes, and of the records it holds, and returns a
     * reference to it. A field it always writes is required.
     */
    ObjectNode answer(Class<? extends Record> record) {
        return schemaOf(mapper.constructType(record), true);
    }

    /** Like {@link #answer}, for a record requests carry too, where any field may be left out. */
    ObjectNode inAndOut(Class<? extends Record> record) {
        return schemaOf(mapper.constructType(record), false);
    }

    Map<String, ObjectNode> schemas() {
        return schemas;
    }

    static String nameOf(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName() : nameOf(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    private ObjectNode schemaOf(JavaType type, boolean answer) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return Schema.type("string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Schema.type("boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return Schema.type("integer");
        }
        if (raw == Optional.class) {
            return schemaOf(type.containedType(0), answer);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = Schema.type("array");
            array.set("items", schemaOf(type.getContentType(), answer));
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = Schema.type("object");
            map.set("additionalProperties", schemaOf(type.getContentType(), answer));
            return map;
        }
        if (raw.isRecord()) {
            String name = nameOf(raw);
            if (!schemas.containsKey(name)) {
                schemas.put(name, Schema.type("object"));
                schemas.put(name, recordSchema(type, answer));
            }
            return Schema.ref(name);
        }
        throw new IllegalArgumentException("No schema for " + type + "; describe it in AdminSchemas");
    }

    private ObjectNode recordSchema(JavaType type, boolean answer) {
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        JsonInclude.Value include = bean.findPropertyInclusion(JsonInclude.Value.empty());
        // Without NON_NULL a record writes every component, null or not: each one is then always there.
        boolean writesEveryField = answer && include.getValueInclusion() != JsonInclude.Include.NON_NULL
                && include.getValueInclusion() != JsonInclude.Include.NON_EMPTY;
        Schema.Obj schema = Schema.object(nameOf(type.getRawClass()) + (answer ? ", as the server writes it." : ", as the server reads and writes it."));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            ObjectNode propertySchema = schemaOf(property.getPrimaryType(), answer);
            if (writesEveryField) {
                schema.required(property.getName(), propertySchema);
            } else {
                schema.optional(property.getName(), propertySchema);
            }
        }
        return schema.build();
    }
}
