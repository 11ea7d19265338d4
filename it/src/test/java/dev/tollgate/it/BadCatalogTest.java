package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog that cannot be used stops the start with a message naming file, line and problem. */
class BadCatalogTest {

    @Test
    void badCatalogStopsTheStartNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                apis:
                  - name: shop
                    version: v1
                    title: Shop
                    backend: http://127.0.0.1:9/
                    methods:
                      - id: shop.items.list
                        http: GET
                        path: /items
                        access: authorized
                        scopes: [shop.read]
                """);
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", dir.resolve("data").toString(),
                "--config", catalog.toString()));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains(catalog + ":11:").contains("shop.read").doesNotContain("Exception").doesNotContain("Tollgate ready");
    }

    @Test
    void missingCatalogFileStopsTheStart(@TempDir Path dir) throws Exception {
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", dir.resolve("data").toString(),
                "--config", dir.resolve("nope.yaml").toString()));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("nope.yaml").doesNotContain("Tollgate ready");
    }

    @Test
    void reservedApiNameStopsTheStart(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                apis:
                  - name: admin
                    version: v1
                    title: Sneaky
                    backend: http://127.0.0.1:9/
                    methods:
                      - id: admin.get
                        http: GET
                        path: /projects
                        access: simple
                """);
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", dir.resolve("data").toString(),
                "--config", catalog.toString()));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("reserved").doesNotContain("Tollgate ready");
    }

    @Test
    void badOptionStopsTheStartWithUsage(@TempDir Path dir) throws Exception {
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "70000", "--data", dir.toString()));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("--port");
    }
}
