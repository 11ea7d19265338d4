package dev.tollgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;

/** The operator's catalog file, read at start-up and on reload. */
class CatalogYamlFuzzTest {

    /** Far below the loader's 1 MiB limit, so each input is quick; size itself is tested in HostileCatalogTest. */
    private static final int MAX_INPUT = 64 * 1024;

    /**
     * Property: any text either loads, and then loads again the same from the same text, or is
     * refused with a CatalogException that names a reason; never another exception, never the
     * loader's catch-all for a reader bug ("cannot read the catalog: SomeException"), never a hang
     * (the fuzzer's per-input timeout).
     */
    @FuzzTest
    void catalogTextLoadsOrIsRefusedWithACatalogException(byte[] data) {
        if (data.length > MAX_INPUT) {
            return;
        }
        String text = FuzzInput.text(data);
        ApiCatalog catalog;
        try {
            catalog = CatalogLoader.parse("fuzz.yaml", text);
        } catch (CatalogException refused) {
            assertThat(refused.getMessage()).doesNotContain("cannot read the catalog: ");
            return;
        }
        assertThat(CatalogLoader.parse("fuzz.yaml", text)).isEqualTo(catalog);
    }
}
