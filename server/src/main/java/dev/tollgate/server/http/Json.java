package dev.tollgate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.protocol.ApiError;
import java.util.Set;

/** One strict JSON reader for request bodies, one writer for responses. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(256 * 1024).maxNumberLength(32).build());
    }

    private Json() {}

    /** Parses a request body that must be a JSON object with no fields but {@code allowed}. */
    public static ObjectNode object(String body, Set<String> allowed) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.INVALID_ARGUMENT.exception("Invalid JSON payload received: " + firstLine(e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode obj)) {
            throw ApiError.INVALID_ARGUMENT.exception("Invalid JSON payload received: expected an object.");
        }
        var names = obj.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.INVALID_ARGUMENT.exception("Invalid JSON payload received. Unknown name \"" + clip(name) + "\".");
            }
        }
        return obj;
    }

    /** Reads an optional string field; any other type is a 400. */
    public static String text(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.INVALID_ARGUMENT.exception("Invalid value at '" + field + "': expected a string.");
        }
        return v.textValue();
    }

    /** Binds a field to a type, turning any mapping problem into a 400 that names the field. */
    public static <T> T bind(ObjectNode obj, String field, Class<T> type) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(v, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw ApiError.INVALID_ARGUMENT.exception("Invalid value at '" + field + "': " + firstLine(detail));
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return clip(nl < 0 ? s : s.substring(0, nl));
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
