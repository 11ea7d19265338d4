package dev.tollgate.core.catalog;

/** An OAuth scope an API declares, with the sentence a person reads on the consent screen. */
public record ScopeDefinition(String name, String description) {
    public ScopeDefinition {
        CatalogRules.checkScopeName(name);
        CatalogRules.checkNotBlank("description", description);
    }
}
