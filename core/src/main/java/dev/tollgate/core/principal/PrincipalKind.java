package dev.tollgate.core.principal;

/**
 * The two kinds of principal. A person and a service account are never the same principal, even
 * when their addresses are spelled alike: every place that keys data or rights by a principal keys
 * it by kind and address together.
 */
public enum PrincipalKind {
    PERSON("person"), SERVICE_ACCOUNT("serviceAccount");

    private final String wireName;

    PrincipalKind(String wireName) {
        this.wireName = wireName;
    }

    /** As the gateway names it to backends in {@code X-Tollgate-Principal-Type}. */
    public String wireName() { return wireName; }

    /** The kind for a wire name, or null for anything else. */
    public static PrincipalKind fromWireName(String name) {
        for (PrincipalKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
