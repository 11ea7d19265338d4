package dev.tollgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named configurations, as gcloud has them: each a set of properties (endpoint, project, account) in
 * {@code configurations/config_NAME.json}; the active one named in {@code active_config}, {@code default}
 * when none is.
 */
final class Configurations {
    static final List<String> PROPERTIES = List.of("endpoint", "project", "account");
    static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigDir dir;

    Configurations(ConfigDir dir) {
        this.dir = dir;
    }

    String active() throws IOException {
        Path file = dir.resolve("active_config");
        return Files.isRegularFile(file) ? Files.readString(file).strip() : DEFAULT;
    }

    void activate(String name) throws IOException {
        if (!exists(name)) {
            throw new CliException("There is no configuration named " + name + "; `tollgate config configurations list` lists them.");
        }
        dir.write(dir.resolve("active_config"), name + "\n");
    }

    boolean exists(String name) {
        return DEFAULT.equals(name) || Files.isRegularFile(file(name));
    }

    void create(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("A configuration name is lower-case letters, digits and dashes, starting with a letter.");
        }
        if (exists(name) && Files.isRegularFile(file(name))) {
            throw new CliException("The configuration " + name + " already exists.");
        }
        dir.directory("configurations");
        dir.write(file(name), "{}\n");
    }

    List<String> names() throws IOException {
        var names = new ArrayList<String>(List.of(DEFAULT));
        Path configs = dir.resolve("configurations");
        if (Files.isDirectory(configs)) {
            try (Stream<Path> files = Files.list(configs)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("config_") && n.endsWith(".json"))
                        .map(n -> n.substring("config_".length(), n.length() - ".json".length()))
                        .filter(n -> !n.equals(DEFAULT)).sorted().forEach(names::add);
            }
        }
        return names;
    }

    /** The properties of a configuration, in {@link #PROPERTIES} order, those set only. */
    Map<String, String> properties(String name) throws IOException {
        var out = new LinkedHashMap<String, String>();
        Path file = file(name);
        if (Files.isRegularFile(file)) {
            ObjectNode node = (ObjectNode) JSON.readTree(Files.readString(file));
            for (String p : PROPERTIES) {
                if (node.hasNonNull(p)) {
                    out.put(p, node.get(p).asText());
                }
            }
        }
        return out;
    }

    Optional<String> get(String property) throws IOException {
        check(property);
        return Optional.ofNullable(properties(active()).get(property));
    }

    /** Sets a property of the active configuration; null removes it. */
    void set(String property, String value) throws IOException {
        check(property);
        String name = active();
        var props = properties(name);
        if (value == null) {
            props.remove(property);
        } else {
            props.put(property, value);
        }
        ObjectNode node = JSON.createObjectNode();
        props.forEach(node::put);
        dir.directory("configurations");
        dir.write(file(name), node.toPrettyString() + "\n");
    }

    static void check(String property) {
        if (!PROPERTIES.contains(property)) {
            throw new UsageException("Unknown property " + property + "; expected one of " + String.join(", ", PROPERTIES) + ".");
        }
    }

    private Path file(String name) {
        return dir.resolve("configurations").resolve("config_" + name + ".json");
    }
}
