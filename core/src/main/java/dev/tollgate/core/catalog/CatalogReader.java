package dev.tollgate.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns a parsed catalog document into an {@link ApiCatalog}, checking every rule at its line. */
final class CatalogReader {

    static final String EMPTY_CATALOG = "the catalog is empty; it must be a mapping with an 'apis' list";

    private static final Set<String> FIELDS = Set.of("apis");

    private final CatalogSource source;
    private final Declarations declarations = new Declarations();

    CatalogReader(CatalogSource source) {
        this.source = source;
    }

    ApiCatalog read(YamlNode root) {
        if (root instanceof YamlNode.Scalar scalar && scalar.text().isEmpty()) {
            throw source.error(root.position(), EMPTY_CATALOG);
        }
        if (!(root instanceof YamlNode.Mapping)) {
            throw source.error(root.position(), "a catalog must be a mapping with an 'apis' list, found " + root.description());
        }
        Fields catalog = Fields.of(source, root, "the catalog", "", FIELDS);
        List<ApiDefinition> apis = new ArrayList<>();
        for (YamlNode api : catalog.requiredList("apis")) {
            apis.add(new ApiReader(source, declarations).read(api));
        }
        return catalog.checked("apis", () -> new ApiCatalog(apis));
    }
}
