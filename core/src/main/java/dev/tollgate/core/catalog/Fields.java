package dev.tollgate.core.catalog;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Typed access to the fields of one YAML mapping, turning every problem into a
 * {@link CatalogException} at the line of the value (or of the mapping, for a missing field).
 */
final class Fields {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final CatalogSource source;
    private final YamlNode.Mapping mapping;
    private final String context;

    private Fields(CatalogSource source, YamlNode.Mapping mapping, String context) {
        this.source = source;
        this.mapping = mapping;
        this.context = context;
    }

    /**
     * @param what how the mapping is named in a message, such as "each entry of 'apis'"
     * @param context what the mapping is about, for example "method 'posts.get': ", prefixed to
     *     every message; empty at the top level
     */
    static Fields of(CatalogSource source, YamlNode node, String what, String context, Set<String> allowed) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw source.error(node.position(), context + what + " must be a mapping, found " + node.description());
        }
        Fields fields = new Fields(source, mapping, context);
        fields.rejectUnknown(allowed);
        return fields;
    }

    /** A field's text without validation, to name the mapping in messages before it is checked. */
    static Optional<String> peekString(YamlNode node, String key) {
        if (!(node instanceof YamlNode.Mapping mapping) || !mapping.entries().containsKey(key)) {
            return Optional.empty();
        }
        YamlNode value = mapping.entries().get(key).value();
        return value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.STRING
                ? Optional.of(scalar.text())
                : Optional.empty();
    }

    /** A nested mapping, such as {@code quota}, read with the same context as this one. */
    Optional<Fields> optionalMapping(String key, Set<String> allowed) {
        return optional(key).map(value -> of(source, value, "'" + key + "'", context, allowed));
    }

    /** An entry of one of this mapping's lists, read with the same context as this one. */
    Fields item(YamlNode node, String what, Set<String> allowed) {
        return of(source, node, what, context, allowed);
    }

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    Optional<String> optionalString(String key) {
        return optional(key).map(value -> {
            if (value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.STRING) {
                return scalar.text();
            }
            throw wrongType(key, "text", value);
        });
    }

    /** Text as written, for fields such as prices where both {@code 0.5} and {@code "0.5"} are natural. */
    Optional<String> optionalScalarText(String key) {
        return optional(key).map(value -> {
            if (value instanceof YamlNode.Scalar scalar && scalar.kind() != YamlNode.Kind.NULL && scalar.kind() != YamlNode.Kind.BOOLEAN) {
                return scalar.text();
            }
            throw wrongType(key, "a number", value);
        });
    }

    long optionalLong(String key, long defaultValue) {
        return optional(key).map(value -> {
            if (!(value instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.INTEGER) {
                throw wrongType(key, "a whole number", value);
            }
            BigInteger integer = scalar.integer();
            if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
                throw error(value.position(), "'" + key + "' is " + value.description() + ", which is far too large");
            }
            return integer.longValue();
        }).orElse(defaultValue);
    }

    List<YamlNode> requiredList(String key) {
        return optionalList(key).orElseThrow(() -> missing(key));
    }

    Optional<List<YamlNode>> optionalList(String key) {
        return optional(key).map(value -> {
            if (value instanceof YamlNode.Sequence sequence) {
                return sequence.items();
            }
            throw wrongType(key, "a list", value);
        });
    }

    Optional<YamlNode> optional(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    /** Where a field's value was written, or the mapping itself when the field is absent. */
    SourcePosition positionOf(String key) {
        return optional(key).map(YamlNode::position).orElse(mapping.position());
    }

    SourcePosition position() {
        return mapping.position();
    }

    /** Runs a rule from {@link CatalogRules} or a record constructor and reports its failure at {@code key}. */
    <T> T checked(String key, Supplier<T> rule) {
        return checkedAt(positionOf(key), rule);
    }

    void check(String key, Runnable rule) {
        checkedAt(positionOf(key), () -> {
            rule.run();
            return null;
        });
    }

    <T> T checkedAt(SourcePosition position, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw error(position, e.getMessage());
        }
    }

    CatalogException error(SourcePosition position, String problem) {
        return source.error(position, context + problem);
    }

    private void rejectUnknown(Set<String> allowed) {
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!allowed.contains(entry.key())) {
                throw error(entry.keyPosition(), "unknown field '" + entry.key() + "'; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private CatalogException missing(String key) {
        return error(mapping.position(), "missing required field '" + key + "'");
    }

    private CatalogException wrongType(String key, String expected, YamlNode found) {
        return error(found.position(), "'" + key + "' must be " + expected + ", found " + found.description());
    }
}
