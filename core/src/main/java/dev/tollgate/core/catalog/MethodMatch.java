package dev.tollgate.core.catalog;

import java.util.Map;
import java.util.Objects;

/** The method a request resolved to, with its percent-decoded path variables. */
public record MethodMatch(ApiDefinition api, ApiMethod method, Map<String, String> pathParams) {
    public MethodMatch {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(method, "method");
        pathParams = Map.copyOf(pathParams);
    }
}
