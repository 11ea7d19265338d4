package dev.tollgate.core.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * How the fuzz tests read their {@code byte[]} inputs: as UTF-8 text, and where a test needs two
 * strings, split at the first line feed. Raw bytes keep the committed corpus files readable and
 * editable by hand, which the structured mutator's binary format would not be.
 */
public final class FuzzInput {
    private FuzzInput() {}

    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The text before the first line feed, and the text after it (empty if there is none). */
    public static String[] twoParts(byte[] data) {
        String text = text(data);
        int newline = text.indexOf('\n');
        return newline < 0 ? new String[] {text, ""} : new String[] {text.substring(0, newline), text.substring(newline + 1)};
    }
}
