package dev.tollgate.core.catalog;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so that rules checked after parsing can still
 * point at the offending line.
 */
sealed interface YamlNode {

    SourcePosition position();

    /** What was found, for messages such as "must be a list, found the text 'abc'". */
    String description();

    record Mapping(SourcePosition position, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            // Document order, so the first of several unknown fields is the one reported.
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String description() {
            return "a mapping";
        }
    }

    record Entry(String key, SourcePosition keyPosition, YamlNode value) {
    }

    record Sequence(SourcePosition position, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String description() {
            return "a list";
        }
    }

    /** @param integer the value of an {@link Kind#INTEGER}, however large; otherwise {@code null} */
    record Scalar(SourcePosition position, Kind kind, String text, BigInteger integer) implements YamlNode {
        private static final int MAX_QUOTED_LENGTH = 40;

        @Override
        public String description() {
            return switch (kind) {
                // Jackson reports an empty plain scalar ("cost:") as an empty string, not as null.
                case STRING -> text.isEmpty() ? "an empty value" : "the text '" + shortened(text) + "'";
                case INTEGER, DECIMAL -> "the number " + shortened(text);
                case BOOLEAN -> "the value " + text;
                case NULL -> "no value";
            };
        }

        private static String shortened(String text) {
            return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
        }
    }

    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
}
