package dev.tollgate.core.gateway;

import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.Backend;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Where each API's calls go: the base URL of its backend. Built-in samples live on a loopback port. */
public final class Backends {
    private final Map<String, URI> baseUris = new HashMap<>();
    private final Map<String, Boolean> builtIn = new HashMap<>();

    public Backends(Iterable<ApiDefinition> apis, URI builtInBase) {
        for (ApiDefinition api : apis) {
            String key = api.name() + "/" + api.version();
            if (api.backend() instanceof Backend.Http http) {
                baseUris.put(key, http.baseUri());
                builtIn.put(key, false);
            } else if (api.backend() instanceof Backend.BuiltIn b) {
                baseUris.put(key, builtInBase.resolve("/" + b.name() + "/" + api.version()));
                builtIn.put(key, true);
            }
        }
    }

    public URI baseUri(ApiDefinition api) {
        return baseUris.get(api.name() + "/" + api.version());
    }

    public boolean isBuiltIn(ApiDefinition api) {
        return builtIn.getOrDefault(api.name() + "/" + api.version(), false);
    }
}
