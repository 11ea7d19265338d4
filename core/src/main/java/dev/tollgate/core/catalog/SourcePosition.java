package dev.tollgate.core.catalog;

/** A 1-based line and column in a catalog file. */
record SourcePosition(int line, int column) {

    static final SourcePosition START = new SourcePosition(1, 1);

    /** Finds the position of a code point index, for errors that only know how far into the text they are. */
    static SourcePosition ofCodePointIndex(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int seen = 0; seen < codePointIndex && offset < text.length(); seen++) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePosition(line, column);
    }
}
