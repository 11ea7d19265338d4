package dev.tollgate.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads API catalogs from YAML. Any problem, from a missing file to an undeclared scope, is a
 * {@link CatalogException} whose message names the file, line and column, because a bad catalog
 * must stop the server at start-up with a message its operator can act on.
 */
public final class CatalogLoader {

    /** Real catalogs are a few kilobytes; the cap bounds the work a hostile or corrupted file can cause. */
    static final int MAX_CATALOG_BYTES = 1024 * 1024;

    static final String BUILT_IN_RESOURCE = "builtin-catalog.yaml";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CatalogLoader() {
    }

    public static ApiCatalog load(Path file) throws CatalogException {
        CatalogSource source = new CatalogSource(String.valueOf(file));
        try (InputStream in = Files.newInputStream(file)) {
            return parse(source, decodeUtf8(source, readAtMostLimit(source, in)));
        } catch (IOException e) {
            throw source.error(SourcePosition.START, "cannot read the catalog file: " + describe(e));
        }
    }

    public static ApiCatalog parse(String sourceName, String yamlText) throws CatalogException {
        CatalogSource source = new CatalogSource(sourceName == null || sourceName.isBlank() ? "catalog" : sourceName);
        if (yamlText == null) {
            throw source.error(SourcePosition.START, CatalogReader.EMPTY_CATALOG);
        }
        if (yamlText.length() > MAX_CATALOG_BYTES) {
            throw tooLarge(source);
        }
        return parse(source, yamlText);
    }

    /** The catalog of sample APIs shipped with Tollgate (see CONTRACT.md, "Sample APIs"). */
    public static ApiCatalog builtIn() {
        CatalogSource source = new CatalogSource(BUILT_IN_RESOURCE);
        try (InputStream in = CatalogLoader.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw source.error(SourcePosition.START, "the built-in catalog is missing from the class path");
            }
            return parse(source, decodeUtf8(source, readAtMostLimit(source, in)));
        } catch (IOException e) {
            throw source.error(SourcePosition.START, "cannot read the built-in catalog: " + describe(e));
        }
    }

    private static ApiCatalog parse(CatalogSource source, String text) {
        String withoutBom = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        try {
            YamlNode root = YamlTreeReader.read(source, withoutBom)
                    .orElseThrow(() -> source.error(SourcePosition.START, CatalogReader.EMPTY_CATALOG));
            return new CatalogReader(source).read(root);
        } catch (CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in the reader must still stop start-up with a message that names the file.
            throw source.error(SourcePosition.START, "cannot read the catalog: " + describe(e));
        }
    }

    private static byte[] readAtMostLimit(CatalogSource source, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CATALOG_BYTES + 1);
        if (bytes.length > MAX_CATALOG_BYTES) {
            throw tooLarge(source);
        }
        return bytes;
    }

    private static String decodeUtf8(CatalogSource source, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw source.error(positionOfByte(bytes, in.position()), "the file is not UTF-8 text (invalid byte sequence)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static SourcePosition positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, offset - lineStart + 1);
    }

    private static CatalogException tooLarge(CatalogSource source) {
        return source.error(SourcePosition.START, "the catalog is larger than 1 MiB");
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
