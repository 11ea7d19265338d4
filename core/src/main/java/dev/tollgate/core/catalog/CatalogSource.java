package dev.tollgate.core.catalog;

/** The name of the catalog being read, which every error message starts with. */
record CatalogSource(String name) {

    CatalogException error(SourcePosition at, String problem) {
        return new CatalogException(name, at.line(), at.column(), problem);
    }
}
