package dev.tollgate.server.console;

import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.ApiMethod;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.protocol.ApiError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A key's page: its name and the two restriction editors, filled from the stored key or from the
 * form sent back (so that a refused form keeps what the person typed).
 *
 * <p>The application restriction is one kind at a time, as Google's console has it: none, HTTP
 * referrers, IP addresses, Android apps ({@code package.name SHA1} per line) or iOS bundle ids,
 * one entry per line. The API restriction names APIs by the checkbox {@code api.NAME} and, to
 * allow only some methods, the checkboxes {@code method.METHOD_ID}; an API with none of its
 * methods ticked may call all of them.
 *
 * @param appKind {@code none}, {@code referrers}, {@code ips}, {@code android} or {@code ios}
 */
public record KeyEditor(ApiKey key, String displayName, String appKind, String referrers, String ips, String androidApps,
                        String iosBundleIds, boolean apisRestricted, Set<String> apis, Set<String> methods, List<ApiDefinition> catalog) {
    static final List<String> APP_KINDS = List.of("none", "referrers", "ips", "android", "ios");

    static KeyEditor of(ApiKey key, List<ApiDefinition> catalog) {
        KeyRestrictions r = key.restrictions();
        String kind = !r.allowedReferrers().isEmpty() ? "referrers" : !r.allowedIps().isEmpty() ? "ips"
                : !r.androidApps().isEmpty() ? "android" : !r.iosBundleIds().isEmpty() ? "ios" : "none";
        var apis = new LinkedHashSet<String>();
        var methods = new LinkedHashSet<String>();
        for (KeyRestrictions.ApiTarget target : r.apiTargets()) {
            apis.add(target.service());
            methods.addAll(target.methods());
        }
        return new KeyEditor(key, key.displayName(), kind, String.join("\n", r.allowedReferrers()), String.join("\n", r.allowedIps()),
                String.join("\n", r.androidApps().stream().map(a -> a.packageName() + " " + a.sha1Fingerprint()).toList()),
                String.join("\n", r.iosBundleIds()), !r.apiTargets().isEmpty(), apis, methods, catalog);
    }

    static KeyEditor of(ApiKey key, FormFields form, List<ApiDefinition> catalog) {
        String kind = form.optional("app_restriction").orElse("none");
        if (!APP_KINDS.contains(kind)) {
            throw ApiError.INVALID_ARGUMENT.exception("Choose one kind of application restriction.");
        }
        var apis = new LinkedHashSet<String>();
        var methods = new LinkedHashSet<String>();
        for (ApiDefinition api : catalog) {
            if (form.optional("api." + api.name()).isPresent()) {
                apis.add(api.name());
            }
            for (ApiMethod m : api.methods()) {
                if (form.optional("method." + m.id()).isPresent()) {
                    methods.add(m.id());
                    apis.add(api.name());
                }
            }
        }
        return new KeyEditor(key, form.text("display_name"), kind, form.text("referrers"), form.text("ips"), form.text("android_apps"),
                form.text("ios_bundle_ids"), "restrict".equals(form.text("api_restriction")), apis, methods, catalog);
    }

    /**
     * The restrictions the form asks for; the key service validates the entries themselves.
     *
     * @throws dev.tollgate.protocol.ApiException INVALID_ARGUMENT, as the service's own refusals, for a form that asks for nothing usable
     */
    KeyRestrictions restrictions() {
        List<KeyRestrictions.ApiTarget> targets = null;
        if (apisRestricted) {
            if (apis.isEmpty()) {
                throw ApiError.INVALID_ARGUMENT.exception("Choose at least one API the key may call, or let it call every API.");
            }
            targets = new ArrayList<>();
            for (ApiDefinition api : catalog) {
                if (apis.contains(api.name())) {
                    targets.add(new KeyRestrictions.ApiTarget(api.name(),
                            api.methods().stream().map(ApiMethod::id).filter(methods::contains).toList()));
                }
            }
        }
        return switch (appKind) {
            case "referrers" -> new KeyRestrictions(targets, null, required(referrers, "HTTP referrer"), null, null);
            case "ips" -> new KeyRestrictions(targets, required(ips, "IP address"), null, null, null);
            case "android" -> new KeyRestrictions(targets, null, null, required(androidApps, "Android app").stream().map(KeyEditor::androidApp).toList(), null);
            case "ios" -> new KeyRestrictions(targets, null, null, null, required(iosBundleIds, "iOS bundle ID"));
            default -> new KeyRestrictions(targets, null, null, null, null);
        };
    }

    public boolean unrestricted() {
        KeyRestrictions r = key.restrictions();
        return r.apiTargets().isEmpty() && r.allowedIps().isEmpty() && r.allowedReferrers().isEmpty() && r.androidApps().isEmpty()
                && r.iosBundleIds().isEmpty();
    }

    private static List<String> required(String text, String what) {
        List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw ApiError.INVALID_ARGUMENT.exception("Add at least one " + what + ", one per line, or choose another application restriction.");
        }
        return lines;
    }

    private static KeyRestrictions.AndroidApp androidApp(String line) {
        String[] parts = line.split("[\\s,]+");
        if (parts.length != 2) {
            throw ApiError.INVALID_ARGUMENT.exception("Write each Android app as its package name and its certificate's SHA-1 fingerprint, "
                    + "separated by a space: " + (line.length() > 80 ? line.substring(0, 80) + "…" : line));
        }
        return new KeyRestrictions.AndroidApp(parts[0], parts[1]);
    }
}
