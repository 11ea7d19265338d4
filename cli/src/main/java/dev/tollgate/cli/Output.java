package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.tollgate.protocol.admin.AdminJson;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints what a command answers in the format {@code --format} asks for: {@code json}, {@code yaml},
 * {@code table} (a column per field, headed in capitals), or {@code value(FIELD,...)} (the fields tab-separated,
 * a line per item, for scripts). A field may name a nested one with dots ({@code credential.kind}).
 */
final class Output {
    private static final Pattern VALUE = Pattern.compile("value\\(([^()]*)\\)");
    private static final Pattern TABLE = Pattern.compile("table\\(([^()]*)\\)");
    private static final ObjectMapper READER = new ObjectMapper();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private Output() {}

    /** Checks a {@code --format} value before anything is sent. */
    static void validate(String format) {
        if (format == null) {
            return;
        }
        String f = format.strip();
        if (!List.of("json", "yaml", "table").contains(f) && !VALUE.matcher(f).matches() && !TABLE.matcher(f).matches()) {
            throw new UsageException("Unknown --format " + format + "; expected json, yaml, table, table(FIELD,...) or value(FIELD,...).");
        }
    }

    /** A list of items (the admin API's records); {@code columns} are what a table shows by default. */
    static void list(PrintStream out, List<?> items, List<String> columns) throws IOException {
        String format = Globals.format == null ? "table" : Globals.format.strip();
        print(out, tree(items), format, columns);
    }

    /** A list the command line keeps itself (accounts, configurations). */
    static void list(PrintStream out, JsonNode items, List<String> columns) throws IOException {
        String format = Globals.format == null ? "table" : Globals.format.strip();
        print(out, items, format, columns);
    }

    /** One resource (an admin API record). */
    static void resource(PrintStream out, Object resource, List<String> columns) throws IOException {
        String format = Globals.format == null ? "yaml" : Globals.format.strip();
        print(out, tree(resource), format, columns);
    }

    /** A record as the JSON tree of its wire form, read as any JSON answer is (numbers with a fraction as doubles). */
    static JsonNode tree(Object value) throws IOException {
        return value instanceof JsonNode node ? node : READER.readTree(AdminJson.render(value));
    }

    private static void print(PrintStream out, JsonNode node, String format, List<String> columns) throws IOException {
        Matcher value = VALUE.matcher(format);
        Matcher table = TABLE.matcher(format);
        if (format.equals("json")) {
            out.println(JSON.writeValueAsString(node));
        } else if (format.equals("yaml")) {
            out.print(YAML.writeValueAsString(node));
        } else if (value.matches()) {
            List<String> fields = fields(value.group(1));
            for (JsonNode item : items(node)) {
                out.println(String.join("\t", fields.stream().map(f -> text(item, f)).toList()));
            }
        } else {
            table(out, items(node), table.matches() ? fields(table.group(1)) : columns);
        }
        out.flush();
    }

    private static List<JsonNode> items(JsonNode node) {
        var out = new ArrayList<JsonNode>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    private static void table(PrintStream out, List<JsonNode> items, List<String> columns) {
        if (items.isEmpty()) {
            return;
        }
        var rows = new ArrayList<List<String>>();
        rows.add(columns.stream().map(c -> c.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT)).toList());
        for (JsonNode item : items) {
            rows.add(columns.stream().map(c -> text(item, c)).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static List<String> fields(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A field's text: a scalar as itself, a list of scalars joined with commas, anything else as JSON. */
    static String text(JsonNode item, String path) {
        JsonNode node = item;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray() && items(node).stream().allMatch(JsonNode::isValueNode)) {
            return String.join(",", items(node).stream().map(JsonNode::asText).toList());
        }
        return node.toString();
    }
}
