package dev.tollgate.core.catalog;

import java.net.URI;
import java.util.Objects;

/** Where the gateway forwards a verified call: a backend built into the server, or an HTTP base URL. */
public sealed interface Backend {

    record BuiltIn(String name) implements Backend {
        public BuiltIn {
            CatalogRules.checkBuiltInBackendName(name);
        }
    }

    record Http(URI baseUri) implements Backend {
        public Http {
            Objects.requireNonNull(baseUri, "baseUri");
            CatalogRules.checkHttpBackend(baseUri);
        }
    }
}
