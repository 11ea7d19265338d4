package dev.tollgate.store.redis;

import dev.tollgate.core.cache.Invalidation;

/**
 * The text of an invalidation on the Redis channel: {@code tg1|NODE|KIND|VALUE}, where KIND is
 * {@code key}, {@code token}, {@code project}, {@code all-tokens} or {@code all-keys} and VALUE is
 * empty for the last two. The value comes last so that it may contain anything, even {@code |}.
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
            case "token" -> new Invalidation.AccessToken(value);
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

    private static String kind(Invalidation invalidation) {
        if (invalidation instanceof Invalidation.ApiKey) {
            return "key";
        } else if (invalidation instanceof Invalidation.AccessToken) {
            return "token";
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
        } else if (invalidation instanceof Invalidation.AccessToken t) {
            return t.tokenHash();
        } else if (invalidation instanceof Invalidation.Project p) {
            return p.projectId();
        }
        return "";
    }
}
