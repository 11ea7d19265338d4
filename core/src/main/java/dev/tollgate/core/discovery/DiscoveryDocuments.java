package dev.tollgate.core.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API Discovery Service of the catalog: the directory of APIs ({@code discovery#directoryList})
 * and one Discovery document ({@code discovery#restDescription}) per API and version. The catalog
 * cannot change while the server runs, so every document is built once. Callers get copies, never
 * the shared trees.
 */
public final class DiscoveryDocuments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Issuer issuer;
    private final ObjectNode directory;
    private final Map<String, ObjectNode> documents = new HashMap<>();

    public DiscoveryDocuments(ApiCatalog catalog, Issuer issuer) {
        this.issuer = issuer;
        String rootUrl = issuer.url() + "/";
        Map<String, String> preferredVersions = new LinkedHashMap<>();
        for (ApiDefinition api : catalog.apis()) {
            documents.put(key(api.name(), api.version()), RestDescription.build(api, rootUrl));
            preferredVersions.merge(api.name(), api.version(),
                    (a, b) -> VersionOrder.OLDEST_FIRST.compare(a, b) >= 0 ? a : b);
        }
        this.directory = directory(catalog, preferredVersions);
    }

    /**
     * @param name only the versions of this API, when present
     * @param preferredOnly only each API's preferred version
     */
    public ObjectNode directory(Optional<String> name, boolean preferredOnly) {
        ObjectNode list = directory.deepCopy();
        ArrayNode items = (ArrayNode) list.get("items");
        for (int i = items.size() - 1; i >= 0; i--) {
            ObjectNode item = (ObjectNode) items.get(i);
            boolean wrongName = name.isPresent() && !name.get().equals(item.get("name").asText());
            if (wrongName || (preferredOnly && !item.get("preferred").asBoolean())) {
                items.remove(i);
            }
        }
        if (items.isEmpty()) {
            // Google leaves out an empty list.
            list.remove("items");
        }
        return list;
    }

    public Optional<ObjectNode> restDescription(String api, String version) {
        return Optional.ofNullable(documents.get(key(api, version))).map(ObjectNode::deepCopy);
    }

    /** Where the Discovery document of an API lives. */
    public String restUrl(String api, String version) {
        return issuer.url() + "/discovery/v1/apis/" + api + "/" + version + "/rest";
    }

    private ObjectNode directory(ApiCatalog catalog, Map<String, String> preferredVersions) {
        ObjectNode list = JSON.objectNode();
        list.put("kind", "discovery#directoryList");
        list.put("discoveryVersion", "v1");
        ArrayNode items = list.putArray("items");
        for (ApiDefinition api : catalog.apis()) {
            ObjectNode item = items.addObject();
            item.put("kind", "discovery#directoryItem");
            item.put("id", api.name() + ":" + api.version());
            item.put("name", api.name());
            item.put("version", api.version());
            item.put("title", api.title());
            item.put("description", RestDescription.description(api));
            item.put("discoveryRestUrl", restUrl(api.name(), api.version()));
            item.put("discoveryLink", "./apis/" + api.name() + "/" + api.version() + "/rest");
            item.put("preferred", api.version().equals(preferredVersions.get(api.name())));
        }
        return list;
    }

    private static String key(String api, String version) {
        return api + "\n" + version;
    }
}
