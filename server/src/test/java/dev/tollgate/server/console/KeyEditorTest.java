package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.protocol.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key page's two restriction editors, read back into the restrictions the key service stores. */
class KeyEditorTest {
    static final List<dev.tollgate.core.catalog.ApiDefinition> CATALOG = CatalogLoader.builtIn().apis();
    static final ApiKey KEY = new ApiKey("k1", "p-1", "Web key", KeyRestrictions.NONE, Instant.EPOCH, "hash");

    static KeyEditor editor(String appKind, String lines, boolean apisRestricted, Set<String> apis, Set<String> methods) {
        return new KeyEditor(KEY, "Web key", appKind, appKind.equals("referrers") ? lines : "", appKind.equals("ips") ? lines : "",
                appKind.equals("android") ? lines : "", appKind.equals("ios") ? lines : "", apisRestricted, apis, methods, CATALOG);
    }

    @Test
    void referrersAreOnePerLineAndBlankLinesAreIgnored() {
        KeyRestrictions r = editor("referrers", "https://a.example.com/*\r\n\n  https://b.example.com/page  \n", false, Set.of(), Set.of())
                .restrictions();
        assertThat(r.allowedReferrers()).containsExactly("https://a.example.com/*", "https://b.example.com/page");
        assertThat(r.apiTargets()).isEmpty();
    }

    @Test
    void anApiWithNoMethodTickedMayCallAllItsMethodsAndATickedMethodLimitsItsApi() {
        KeyRestrictions r = editor("none", "", true, Set.of("posts", "calendar"), Set.of("posts.posts.get")).restrictions();
        assertThat(r.apiTargets()).containsExactly(new KeyRestrictions.ApiTarget("posts", List.of("posts.posts.get")),
                new KeyRestrictions.ApiTarget("calendar", List.of()));
    }

    @Test
    void restrictingToNoApiIsRefusedInWords() {
        assertThatThrownBy(() -> editor("none", "", true, Set.of(), Set.of()).restrictions())
                .isInstanceOf(ApiException.class).hasMessageStartingWith("Choose at least one API");
    }

    @Test
    void anApplicationRestrictionWithoutEntriesIsRefusedInWords() {
        assertThatThrownBy(() -> editor("ips", " \n ", false, Set.of(), Set.of()).restrictions())
                .isInstanceOf(ApiException.class).hasMessageContaining("Add at least one IP address");
    }

    @Test
    void androidAppsArePackageAndFingerprintSeparatedByASpace() {
        String sha1 = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01";
        assertThat(editor("android", "com.example.app " + sha1, false, Set.of(), Set.of()).restrictions().androidApps())
                .containsExactly(new KeyRestrictions.AndroidApp("com.example.app", sha1));
        assertThatThrownBy(() -> editor("android", "com.example.app", false, Set.of(), Set.of()).restrictions())
                .isInstanceOf(ApiException.class).hasMessageContaining("package name and its certificate");
    }

    @Test
    void theStoredKeyFillsTheEditorBackWithItsOneKindOfRestriction() {
        var stored = new KeyRestrictions(List.of(new KeyRestrictions.ApiTarget("posts", List.of())), null, null, null, List.of("com.example.ios"));
        KeyEditor back = KeyEditor.of(KEY.with("Web key", stored), CATALOG);
        assertThat(back.appKind()).isEqualTo("ios");
        assertThat(back.iosBundleIds()).isEqualTo("com.example.ios");
        assertThat(back.apisRestricted()).isTrue();
        assertThat(back.apis()).containsExactly("posts");
        assertThat(back.unrestricted()).isFalse();
        assertThat(KeyEditor.of(KEY, CATALOG).unrestricted()).isTrue();
    }
}
