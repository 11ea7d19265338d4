package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeyRestrictionFlagsTest {

    private static Map<String, Object> parse(String... args) {
        var flags = new KeyRestrictionFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.toRestrictions();
    }

    @Test
    void gcloudShapedFlagsBecomeTheAdminApisRestrictions() {
        assertThat(parse("--api-target=service=posts,methods=posts.posts.get,posts.people.posts.list", "--api-target=service=calendar",
                "--allowed-ips", "10.0.0.0/8,127.0.0.1"))
                .isEqualTo(Map.of("apiTargets", List.of(Map.of("service", "posts", "methods", List.of("posts.posts.get", "posts.people.posts.list")),
                                Map.of("service", "calendar")),
                        "allowedIps", List.of("10.0.0.0/8", "127.0.0.1")));
        assertThat(parse("--allowed-application=sha1_fingerprint=AB,package_name=com.example.app"))
                .isEqualTo(Map.of("androidApps", List.of(Map.of("packageName", "com.example.app", "sha1Fingerprint", "AB"))));
        assertThat(parse("--allowed-bundle-ids", "a.b,c.d", "--allowed-referrers", "https://x.example/*"))
                .isEqualTo(Map.of("iosBundleIds", List.of("a.b", "c.d"), "allowedReferrers", List.of("https://x.example/*")));
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
