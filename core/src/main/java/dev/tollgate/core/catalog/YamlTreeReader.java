package dev.tollgate.core.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads YAML text into {@link YamlNode}s, walking the parser's tokens so every value keeps its
 * position. Catalog files come from operators but may be edited carelessly or by a script, so
 * everything that can make parsing expensive or ambiguous is refused: aliases (the "billion laughs"
 * expansion), anchors, tags, duplicate keys, deep nesting and more than one document.
 */
final class YamlTreeReader {

    static final int MAX_CODE_POINTS = CatalogLoader.MAX_CATALOG_BYTES;
    // A valid catalog nests 7 levels (catalog, apis, api, methods, method, scopes, scope).
    static final int MAX_DEPTH = 12;

    private static final YAMLFactory YAML = createFactory();

    private final CatalogSource source;
    private final String text;

    private YamlTreeReader(CatalogSource source, String text) {
        this.source = source;
        this.text = text;
    }

    /** @return the document's root value, or empty when the text holds no document at all */
    static Optional<YamlNode> read(CatalogSource source, String text) {
        return new YamlTreeReader(source, text).read();
    }

    private Optional<YamlNode> read() {
        JsonParser parser = null;
        try {
            parser = YAML.createParser(text);
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            YamlNode root = readValue(parser, 1);
            if (parser.nextToken() != null) {
                throw source.error(tokenPosition(parser), "a catalog file must hold a single YAML document; remove the second '---'");
            }
            return Optional.of(root);
        } catch (CatalogException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw translate(e, parser);
        } finally {
            closeQuietly(parser);
        }
    }

    private YamlNode readValue(JsonParser parser, int depth) throws IOException {
        SourcePosition position = tokenPosition(parser);
        if (depth > MAX_DEPTH) {
            throw source.error(position, "the catalog is nested more than " + MAX_DEPTH + " levels deep");
        }
        rejectReferencesAndTags(parser, position);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMapping(parser, position, depth);
            case START_ARRAY -> readSequence(parser, position, depth);
            case VALUE_STRING -> scalar(position, YamlNode.Kind.STRING, parser.getText(), null);
            case VALUE_NUMBER_INT -> scalar(position, YamlNode.Kind.INTEGER, parser.getText(), integerValue(parser, position));
            case VALUE_NUMBER_FLOAT -> scalar(position, YamlNode.Kind.DECIMAL, parser.getText(), null);
            case VALUE_TRUE, VALUE_FALSE -> scalar(position, YamlNode.Kind.BOOLEAN, parser.getText(), null);
            case VALUE_NULL -> scalar(position, YamlNode.Kind.NULL, "", null);
            default -> throw source.error(position, "unsupported YAML value " + token);
        };
    }

    private YamlNode readMapping(JsonParser parser, SourcePosition position, int depth) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = tokenPosition(parser);
            YamlNode.Entry previous = entries.get(key);
            if (previous != null) {
                // YAML forbids duplicate keys, and silently keeping either value hides an editing mistake.
                throw source.error(keyPosition, "duplicate key '" + key + "' (first written at line " + previous.keyPosition().line() + ")");
            }
            parser.nextToken();
            entries.put(key, new YamlNode.Entry(key, keyPosition, readValue(parser, depth + 1)));
        }
        return new YamlNode.Mapping(position, entries);
    }

    private YamlNode readSequence(JsonParser parser, SourcePosition position, int depth) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, depth + 1));
        }
        return new YamlNode.Sequence(position, items);
    }

    private void rejectReferencesAndTags(JsonParser parser, SourcePosition position) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw source.error(position, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out in full");
        }
        if (parser.getObjectId() != null) {
            throw source.error(position, "YAML anchors (&" + parser.getObjectId() + ") are not supported; write the value out in full");
        }
        if (parser.getTypeId() != null) {
            throw source.error(position, "YAML tags (" + parser.getTypeId() + ") are not supported; quote the value if it should be text");
        }
    }

    private BigInteger integerValue(JsonParser parser, SourcePosition position) throws IOException {
        try {
            return parser.getBigIntegerValue();
        } catch (StreamConstraintsException e) {
            String digits = parser.getText();
            throw source.error(position, "the number " + digits.substring(0, Math.min(20, digits.length())) + "... has too many digits");
        }
    }

    private static YamlNode scalar(SourcePosition position, YamlNode.Kind kind, String text, BigInteger integer) {
        return new YamlNode.Scalar(position, kind, text, integer);
    }

    private CatalogException translate(Exception failure, JsonParser parser) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return syntaxError(marked);
            }
            if (cause instanceof ReaderException unreadable) {
                return source.error(SourcePosition.ofCodePointIndex(text, unreadable.getPosition()),
                        String.format("the file contains the character U+%04X, which YAML does not allow", unreadable.getCodePoint()));
            }
        }
        SourcePosition position = failure instanceof JacksonException jackson && jackson.getLocation() != null
                ? position(jackson.getLocation())
                : lastKnownPosition(parser);
        return source.error(position, "the catalog is not valid YAML: " + plainMessage(failure));
    }

    private CatalogException syntaxError(MarkedYAMLException marked) {
        Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        SourcePosition position = mark == null ? SourcePosition.START : new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
        String problem = marked.getProblem() == null ? "" : marked.getProblem();
        if (problem.contains("\\t(TAB)")) {
            return source.error(position, "YAML does not allow tab characters for indentation; indent with spaces");
        }
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        return source.error(position, "YAML syntax error: " + problem + context);
    }

    private static String plainMessage(Exception failure) {
        String message = failure instanceof JacksonException jackson ? jackson.getOriginalMessage() : failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        if (message.startsWith("Expected a field name")) {
            return "mapping keys must be plain text, not lists or mappings";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static SourcePosition lastKnownPosition(JsonParser parser) {
        return parser == null ? SourcePosition.START : position(parser.currentLocation());
    }

    private static SourcePosition tokenPosition(JsonParser parser) {
        return position(parser.currentTokenLocation());
    }

    private static SourcePosition position(JsonLocation location) {
        return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (IOException | RuntimeException ignored) {
            // Reading a string cannot leave anything open worth reporting.
        }
    }

    private static YAMLFactory createFactory() {
        // Jackson consumes snakeyaml's parser events, not its composer, so only the code point limit
        // below is enforced by snakeyaml; the alias and depth limits are set as a second line of
        // defence and enforced for real by readValue.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 1)
                        .maxNumberLength(100)
                        .maxStringLength(MAX_CODE_POINTS)
                        .build())
                .build();
    }
}
