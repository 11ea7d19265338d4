package dev.tollgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The built-in catalog with the Posts API's {@code cors} narrowed to some origins; Calendar keeps the default (any origin). */
final class CorsCatalog {
    private static final String POSTS_BACKEND = "    backend: builtin:posts\n";

    private CorsCatalog() {}

    static Path withPostsAllowedFrom(String... origins) throws IOException {
        return withPostsAllowedFrom(List.of(origins), "");
    }

    /** @param moreApis entries appended to the catalog's {@code apis} list, indented as its entries are */
    static Path withPostsAllowedFrom(List<String> origins, String moreApis) throws IOException {
        String builtIn;
        try (InputStream in = CorsCatalog.class.getResourceAsStream("/dev/tollgate/core/catalog/builtin-catalog.yaml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!builtIn.contains(POSTS_BACKEND)) {
            throw new IllegalStateException("the built-in catalog no longer has " + POSTS_BACKEND.trim());
        }
        String list = origins.stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(", "));
        Path file = Files.createTempFile("tollgate-cors-catalog-", ".yaml");
        Files.writeString(file, builtIn.replace(POSTS_BACKEND, POSTS_BACKEND + "    cors:\n      allowedOrigins: [" + list + "]\n") + moreApis);
        file.toFile().deleteOnExit();
        return file;
    }
}
