package dev.tollgate.core.catalog;

/**
 * A catalog that cannot be used. The message reads {@code SOURCE:LINE:COLUMN: problem} so that a
 * person can open the file at the right place, the way compilers report errors.
 */
public final class CatalogException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public CatalogException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
