package dev.tollgate.core.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names that must be unique across the whole catalog, remembered with where they were first
 * declared so a duplicate can point back at the original.
 */
final class Declarations {

    private record First(String owner, SourcePosition position) {
    }

    private final Map<String, First> apis = new HashMap<>();
    private final Map<String, First> scopes = new HashMap<>();
    private final Map<String, First> methodIds = new HashMap<>();

    /** @return why the API cannot be declared here, if it cannot */
    Optional<String> claimApi(String label, SourcePosition position) {
        return claim(apis, label, "", position)
                .map(first -> "an API with the same name and version is already declared at line " + first.position().line());
    }

    Optional<String> claimScope(String name, String apiLabel, SourcePosition position) {
        return claim(scopes, name, apiLabel, position)
                .map(first -> "scope '" + name + "' is already declared by API " + first.owner() + " at line " + first.position().line()
                        + "; scope names must be unique across the catalog");
    }

    Optional<String> claimMethodId(String id, String apiLabel, SourcePosition position) {
        return claim(methodIds, id, apiLabel, position)
                .map(first -> "method id '" + id + "' is already used by API " + first.owner() + " at line " + first.position().line());
    }

    private static Optional<First> claim(Map<String, First> claimed, String name, String owner, SourcePosition position) {
        return Optional.ofNullable(claimed.putIfAbsent(name, new First(owner, position)));
    }
}
