package dev.tollgate.store.redis;

import dev.tollgate.core.cache.Invalidation;

/**
 * The text of an invalidation on the Redis channel: {@code tg1|NODE|KIND|VALUE}, where KIND is
 * {@code key}, {@code revoked}, {@code project}, {@code all-tokens}, {@code all-keys}, {@code oauth-clients}
 * or {@code service-accounts}, and VALUE is empty for the last four. A revocation's VALUE is
 * {@code SCOPE|CUTOFF_MICROS|UNTIL_MILLIS|WHAT}. The value, and within it WHAT, comes last so that it may
 * contain anything, even {@code |}.
 */
final class InvalidationCodec {
    record Message(String nodeId, Invalidation invalidation) {}

    private static final String VERSION = "tg1";
    private static final String SEPARATOR = "|";

    private InvalidationCodec() {}

    static String encode(String nodeId, Invalidation invalidation) {
        return String.join(SEPARATOR, VERSION, nodeId, kind(invalidation), value(invalidation));
    }

    /** Reads a message; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static Message decode(String text) {
        String[] parts = text.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a " + VERSION + " message");
        }
        if (parts[1].isEmpty()) {
            throw new IllegalArgumentException("no node id");
        }
        return new Message(parts[1], invalidation(parts[2], parts[3]));
    }

    static void checkNodeId(String nodeId) {
        if (nodeId.isEmpty() || nodeId.contains(SEPARATOR)) {
            throw new IllegalArgumentException("A node id is not empty and has no '|': " + nodeId);
        }
    }

    private static Invalidation invalidation(String kind, String value) {
        Invalidation invalidation = switch (kind) {
            case "key" -> new Invalidation.ApiKey(value);
            case "revoked" -> revocation(value);
            case "project" -> new Invalidation.Project(value);
            case "all-tokens" -> new Invalidation.AllTokens();
            case "all-keys" -> new Invalidation.AllKeys();
            case "oauth-clients" -> new Invalidation.OAuthClients();
            case "service-accounts" -> new Invalidation.ServiceAccounts();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
        boolean wantsValue = !(invalidation instanceof Invalidation.AllTokens || invalidation instanceof Invalidation.AllKeys
                || invalidation instanceof Invalidation.OAuthClients || invalidation instanceof Invalidation.ServiceAccounts);
        if (value.isEmpty() == wantsValue) {
            throw new IllegalArgumentException(wantsValue ? kind + " without a value" : kind + " with a value");
        }
        return invalidation;
    }

    private static Invalidation.AccessTokensRevoked revocation(String value) {
        String[] parts = value.split("\\|", 4);
        if (parts.length != 4 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("a revocation is SCOPE|CUTOFF|UNTIL|VALUE");
        }
        try {
            return new Invalidation.AccessTokensRevoked(parts[0], parts[3], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a revocation's cutoff and end are numbers");
        }
    }

    private static String kind(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.ApiKey) {
            return "key";
        } else if (invalidation instanceof Invalidation.AccessTokensRevoked) {
            return "revoked";
        } else if (invalidation instanceof Invalidation.Project) {
            return "project";
        } else if (invalidation instanceof Invalidation.AllTokens) {
            return "all-tokens";
        } else if (invalidation instanceof Invalidation.AllKeys) {
            return "all-keys";
        } else if (invalidation instanceof Invalidation.OAuthClients) {
            return "oauth-clients";
        } else if (invalidation instanceof Invalidation.ServiceAccounts) {
            return "service-accounts";
        }
        throw new IllegalArgumentException("Unknown invalidation " + invalidation);
    }

    private static String value(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.ApiKey k) {
            return k.keyHash();
        } else if (invalidation instanceof Invalidation.AccessTokensRevoked r) {
            return String.join(SEPARATOR, r.scope(), Long.toString(r.cutoffMicros()), Long.toString(r.untilEpochMillis()), r.value());
        } else if (invalidation instanceof Invalidation.Project p) {
            return p.projectId();
        }
        return "";
    }
}
