package dev.tollgate.core.gateway;

import dev.tollgate.protocol.ApiError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A gateway call's query string, split once into what Tollgate reads and what the backend gets.
 * Every parameter name is percent-decoded before it is compared, so {@code k%65y=} or
 * {@code %6Bey=} is the same parameter as {@code key=}: the set of parameters read as
 * credentials and the set removed from the forwarded query are the same set by construction.
 * Names are case-sensitive, like Google's ({@code KEY=} is neither read nor removed: it is an
 * ordinary parameter of the backend's).
 */
public final class GatewayQuery {
    public static final String KEY = "key";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String OAUTH_TOKEN = "oauth_token";
    public static final String QUOTA_USER = "quotaUser";
    /** Parameters that are Tollgate's own: read here, never forwarded. */
    public static final Set<String> OURS = Set.of(KEY, ACCESS_TOKEN, OAUTH_TOKEN, QUOTA_USER);
    /** Google bounds quotaUser to 40 characters; a longer one is refused rather than cut. */
    public static final int QUOTA_USER_MAX = 40;

    private final String forwarded;
    private final List<String> keys;
    private final List<String> tokens;
    private final List<String> quotaUsers;

    private GatewayQuery(String forwarded, List<String> keys, List<String> tokens, List<String> quotaUsers) {
        this.forwarded = forwarded;
        this.keys = keys;
        this.tokens = tokens;
        this.quotaUsers = quotaUsers;
    }

    /** @param rawQuery the query as received (still percent-encoded), or null */
    public static GatewayQuery parse(String rawQuery) {
        var keys = new ArrayList<String>(1);
        var tokens = new ArrayList<String>(0);
        var quotaUsers = new ArrayList<String>(0);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new GatewayQuery("", keys, tokens, quotaUsers);
        }
        var kept = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case KEY -> keys.add(value);
                case ACCESS_TOKEN, OAUTH_TOKEN -> tokens.add(value);
                case QUOTA_USER -> quotaUsers.add(value);
                default -> {
                    if (kept.length() > 0) {
                        kept.append('&');
                    }
                    kept.append(pair);
                }
            }
        }
        return new GatewayQuery(kept.toString(), keys, tokens, quotaUsers);
    }

    /** The query for the backend, without any of Tollgate's parameters, in the caller's own encoding. */
    public String forwarded() {
        return forwarded;
    }

    /** The API key sent as {@code key=}, if any; sent twice is refused. */
    public Optional<String> key() {
        if (keys.size() > 1) {
            throw ApiError.API_KEY_INVALID.exception("The key parameter was sent more than once.");
        }
        return keys.stream().findFirst();
    }

    /** The bearer token sent as {@code access_token=} or {@code oauth_token=}, if any; sent twice is refused. */
    public Optional<String> accessToken() {
        if (tokens.size() > 1) {
            throw ApiError.ACCESS_TOKEN_INVALID.exception("The access_token parameter was sent more than once.");
        }
        return tokens.stream().filter(t -> !t.isEmpty()).findFirst().or(() -> {
            if (!tokens.isEmpty()) {
                throw ApiError.ACCESS_TOKEN_INVALID.exception("The access_token parameter is empty.");
            }
            return Optional.empty();
        });
    }

    /** {@code quotaUser=}: who a key-only call is for, for its per-user quota (at most 40 characters). */
    public Optional<String> quotaUser() {
        if (quotaUsers.size() > 1) {
            throw ApiError.INVALID_ARGUMENT.exception("The quotaUser parameter was sent more than once.");
        }
        Optional<String> user = quotaUsers.stream().findFirst().filter(u -> !u.isEmpty());
        if (user.isPresent() && user.get().length() > QUOTA_USER_MAX) {
            throw ApiError.INVALID_ARGUMENT.exception("The quotaUser parameter is longer than " + QUOTA_USER_MAX + " characters.");
        }
        return user;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_ARGUMENT.exception("The query string has a malformed percent-encoding.");
        }
    }
}
