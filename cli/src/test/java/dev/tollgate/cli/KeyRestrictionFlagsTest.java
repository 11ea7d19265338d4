package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import dev.tollgate.protocol.admin.KeyRestrictionsResource.AndroidApp;
import dev.tollgate.protocol.admin.KeyRestrictionsResource.ApiTarget;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeyRestrictionFlagsTest {

    private static KeyRestrictionsResource parse(String... args) {
        var flags = new KeyRestrictionFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toRestrictions();
    }

    @Test
    void gcloudShapedFlagsBecomeTheAdminApisRestrictions() {
        assertThat(parse("--api-target=service=posts,methods=posts.posts.get,posts.people.posts.list", "--api-target=service=calendar",
                "--allowed-ips", "10.0.0.0/8,127.0.0.1"))
                .isEqualTo(new KeyRestrictionsResource(List.of(new ApiTarget("posts", List.of("posts.posts.get", "posts.people.posts.list")),
                        new ApiTarget("calendar", null)), List.of("10.0.0.0/8", "127.0.0.1"), null, null, null));
        assertThat(parse("--allowed-application=sha1_fingerprint=AB,package_name=com.example.app"))
                .isEqualTo(new KeyRestrictionsResource(null, null, null, List.of(new AndroidApp("com.example.app", "AB")), null));
        assertThat(parse("--allowed-bundle-ids", "a.b,c.d", "--allowed-referrers", "https://x.example/*"))
                .isEqualTo(new KeyRestrictionsResource(null, null, List.of("https://x.example/*"), null, List.of("a.b", "c.d")));
    }

    @Test
    void malformedFlagsAreUsageErrors() {
        assertThatThrownBy(() -> parse("--api-target=methods=posts.posts.get")).isInstanceOf(UsageException.class).hasMessageContaining("service=");
        assertThatThrownBy(() -> parse("--api-target=service=a,service=b")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--api-target=colour=blue")).isInstanceOf(UsageException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> parse("--allowed-application=package_name=com.example.app")).isInstanceOf(UsageException.class)
                .hasMessageContaining("sha1_fingerprint");
        assertThatThrownBy(() -> parse("--api-target=posts")).isInstanceOf(UsageException.class);
    }
}
