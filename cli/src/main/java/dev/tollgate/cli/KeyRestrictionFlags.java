package dev.tollgate.cli;

import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The restriction flags of {@code api-keys create} and {@code update}, shaped like gcloud's
 * {@code services api-keys}, turned into the admin API's {@code restrictions} object.
 */
final class KeyRestrictionFlags {
    @Option(names = "--api-target", paramLabel = "service=S[,methods=M1,M2]",
            description = "An API the key may call, optionally only some of its methods; repeat for several.")
    List<String> apiTargets = new ArrayList<>();

    @Option(names = "--allowed-ips", split = ",", paramLabel = "IP", description = "Addresses and CIDR blocks calls may come from.")
    List<String> allowedIps = new ArrayList<>();

    @Option(names = "--allowed-referrers", split = ",", paramLabel = "PATTERN", description = "Web pages calls may come from.")
    List<String> allowedReferrers = new ArrayList<>();

    @Option(names = "--allowed-application", paramLabel = "sha1_fingerprint=F,package_name=P",
            description = "An Android app calls may come from; repeat for several.")
    List<String> allowedApplications = new ArrayList<>();

    @Option(names = "--allowed-bundle-ids", split = ",", paramLabel = "ID", description = "iOS apps calls may come from.")
    List<String> allowedBundleIds = new ArrayList<>();

    boolean any() {
        return !apiTargets.isEmpty() || !allowedIps.isEmpty() || !allowedReferrers.isEmpty()
                || !allowedApplications.isEmpty() || !allowedBundleIds.isEmpty();
    }

    KeyRestrictionsResource toRestrictions() {
        return new KeyRestrictionsResource(apiTargets.stream().map(KeyRestrictionFlags::apiTarget).toList(), allowedIps, allowedReferrers,
                allowedApplications.stream().map(KeyRestrictionFlags::androidApp).toList(), allowedBundleIds);
    }

    private static KeyRestrictionsResource.ApiTarget apiTarget(String flag) {
        Map<String, List<String>> parts = keyValues("--api-target", flag, List.of("service", "methods"));
        List<String> service = parts.get("service");
        if (service == null || service.size() != 1) {
            throw new UsageException("--api-target needs exactly one service=NAME, e.g. --api-target=service=posts,methods=posts.get");
        }
        return new KeyRestrictionsResource.ApiTarget(service.get(0), parts.get("methods"));
    }

    private static KeyRestrictionsResource.AndroidApp androidApp(String flag) {
        Map<String, List<String>> parts = keyValues("--allowed-application", flag, List.of("sha1_fingerprint", "package_name"));
        if (parts.getOrDefault("sha1_fingerprint", List.of()).size() != 1 || parts.getOrDefault("package_name", List.of()).size() != 1) {
            throw new UsageException("--allowed-application needs sha1_fingerprint=… and package_name=…, once each.");
        }
        return new KeyRestrictionsResource.AndroidApp(parts.get("package_name").get(0), parts.get("sha1_fingerprint").get(0));
    }

    /**
     * {@code k1=v1,k2=v2,v3}: a part with {@code =} starts a key, a part without one adds a value to the
     * key before it (so {@code methods=a.get,a.list} gives two methods).
     */
    static Map<String, List<String>> keyValues(String flag, String text, List<String> keys) {
        var out = new LinkedHashMap<String, List<String>>();
        String current = null;
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                current = part.substring(0, eq).strip();
                if (!keys.contains(current)) {
                    throw new UsageException(flag + " does not know " + current + "; expected " + String.join(", ", keys) + ".");
                }
                out.computeIfAbsent(current, k -> new ArrayList<>()).add(part.substring(eq + 1).strip());
            } else if (current != null && !part.isBlank()) {
                out.get(current).add(part.strip());
            } else {
                throw new UsageException(flag + " expects KEY=VALUE pairs, not " + text + ".");
            }
        }
        return out;
    }
}
