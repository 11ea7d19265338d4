package dev.tollgate.core.metering;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The fields a usage query can group by, named as in {@code groupBy=service,method,status,credential}.
 * {@code credential} groups by the credential's kind and id together.
 */
public enum GroupBy {
    SERVICE, METHOD, STATUS, CREDENTIAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a comma-separated list such as {@code service,status}; blank means no grouping.
     *
     * @throws IllegalArgumentException naming the first unknown field
     */
    public static Set<GroupBy> parse(String list) {
        Set<GroupBy> fields = EnumSet.noneOf(GroupBy.class);
        if (list == null || list.isBlank()) {
            return fields;
        }
        for (String name : list.split(",")) {
            String trimmed = name.strip();
            fields.add(switch (trimmed) {
                case "service" -> SERVICE;
                case "method" -> METHOD;
                case "status" -> STATUS;
                case "credential" -> CREDENTIAL;
                default -> throw new IllegalArgumentException("Unknown groupBy field '" + trimmed + "': use service, method, status or credential.");
            });
        }
        return fields;
    }
}
