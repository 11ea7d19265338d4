package dev.tollgate.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A method's path below {@code /{api}/{version}}, such as {@code /people/{userId}/posts}: literal
 * segments and whole-segment variables.
 *
 * <p>Matching runs for every gateway request, so it walks the request path in place without regular
 * expressions or splitting, and allocates only the variable values of a successful match.
 */
public final class PathTemplate {

    /**
     * Literal segments first at the earliest position where two templates differ, so that
     * {@code /posts/recent} wins over {@code /posts/{postId}} whatever the order in the catalog.
     */
    static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

    private static final String VARIABLE_SHAPE = "{}";

    private final String template;
    /** One entry per segment; {@code null} where the segment is a variable. */
    private final String[] literals;
    /** One entry per segment; {@code null} where the segment is a literal. */
    private final String[] variables;
    private final int variableCount;

    private PathTemplate(String template, String[] literals, String[] variables, int variableCount) {
        this.template = template;
        this.literals = literals;
        this.variables = variables;
        this.variableCount = variableCount;
    }

    /**
     * @throws IllegalArgumentException if the template does not start with '/', has an empty, '.'
     *     or '..' segment, a literal with characters outside {@code [A-Za-z0-9._~:-]}, or a variable
     *     that is not a whole segment with a unique name
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path " + CatalogRules.quote(template) + " must start with '/'");
        }
        String[] segments = template.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] variables = new String[segments.length];
        Set<String> seenVariables = new HashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") || segment.endsWith("}")) {
                String name = variableName(template, segment);
                if (!seenVariables.add(name)) {
                    throw new IllegalArgumentException("path '" + template + "' uses the variable {" + name + "} twice");
                }
                variables[i] = name;
            } else {
                checkLiteral(template, segment);
                literals[i] = segment;
            }
        }
        return new PathTemplate(template, literals, variables, seenVariables.size());
    }

    public String template() {
        return template;
    }

    /** The variables in the order they appear, such as {@code [userId, postId]}. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>(variableCount);
        for (String variable : variables) {
            if (variable != null) {
                names.add(variable);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Matches a raw request path (the part after {@code /{api}/{version}}), returning the
     * percent-decoded variables. A path with an empty, '.' or '..' segment (encoded or not), a
     * trailing slash the template lacks, or a variable that does not decode to UTF-8 text without
     * '/' matches nothing.
     */
    public Optional<Map<String, String>> match(String path) {
        return Optional.ofNullable(matchOrNull(path));
    }

    /** {@link #match} without the Optional, for the gateway's per-request lookup. */
    Map<String, String> matchOrNull(String path) {
        if (path == null || !literalsMatch(path)) {
            return null;
        }
        return variableCount == 0 ? Map.of() : decodeVariables(path);
    }

    /** Templates with the same verb and shape would compete for the same requests. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (String literal : literals) {
            shape.append('/').append(literal == null ? VARIABLE_SHAPE : literal);
        }
        return shape.toString();
    }

    private boolean literalsMatch(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        for (String literal : literals) {
            if (start > length) {
                return false;
            }
            int end = segmentEnd(path, start);
            if (literal != null) {
                if (end - start != literal.length() || !path.startsWith(literal, start)) {
                    return false;
                }
            } else if (end == start) {
                return false;
            }
            start = end + 1;
        }
        // Exactly consumed: a trailing slash would leave start == length.
        return start == length + 1;
    }

    private Map<String, String> decodeVariables(String path) {
        String[] namesAndValues = new String[variableCount * 2];
        int found = 0;
        int start = 1;
        for (String variable : variables) {
            int end = segmentEnd(path, start);
            if (variable != null) {
                String value = PathSegments.decode(path, start, end);
                if (value == null) {
                    return null;
                }
                namesAndValues[found++] = variable;
                namesAndValues[found++] = value;
            }
            start = end + 1;
        }
        return immutableMap(namesAndValues);
    }

    private static Map<String, String> immutableMap(String[] kv) {
        return switch (kv.length) {
            case 2 -> Map.of(kv[0], kv[1]);
            case 4 -> Map.of(kv[0], kv[1], kv[2], kv[3]);
            case 6 -> Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5]);
            default -> {
                @SuppressWarnings("unchecked")
                Map.Entry<String, String>[] entries = new Map.Entry[kv.length / 2];
                for (int i = 0; i < entries.length; i++) {
                    entries[i] = Map.entry(kv[2 * i], kv[2 * i + 1]);
                }
                yield Map.ofEntries(entries);
            }
        };
    }

    private static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }

    private static String variableName(String template, String segment) {
        if (segment.length() < 3 || !segment.startsWith("{") || !segment.endsWith("}")) {
            throw new IllegalArgumentException("path '" + template + "' has segment '" + segment
                    + "'; a variable must be a whole segment like {userId}");
        }
        String name = segment.substring(1, segment.length() - 1);
        if (!isVariableName(name)) {
            throw new IllegalArgumentException("path '" + template + "' has variable {" + name
                    + "}; variable names start with a letter and contain only letters, digits and '_'");
        }
        return name;
    }

    private static boolean isVariableName(String name) {
        if (!isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static void checkLiteral(String template, String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("path '" + template + "' has an empty segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("path '" + template + "' has a '" + segment + "' segment");
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!isLiteralChar(segment.charAt(i))) {
                throw new IllegalArgumentException("path '" + template + "' has character '" + segment.charAt(i)
                        + "' in segment '" + segment + "'; literal segments use only letters, digits and . _ ~ : -");
            }
        }
    }

    // Percent signs are deliberately excluded: literals are compared with the raw request path, so
    // an encoded literal could never match and would only hide a mistake.
    private static boolean isLiteralChar(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '~' || c == ':' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int compareSpecificity(PathTemplate other) {
        int bySize = Integer.compare(literals.length, other.literals.length);
        if (bySize != 0) {
            return bySize;
        }
        for (int i = 0; i < literals.length; i++) {
            boolean mineIsLiteral = literals[i] != null;
            boolean theirsIsLiteral = other.literals[i] != null;
            if (mineIsLiteral != theirsIsLiteral) {
                return mineIsLiteral ? -1 : 1;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathTemplate that && template.equals(that.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
