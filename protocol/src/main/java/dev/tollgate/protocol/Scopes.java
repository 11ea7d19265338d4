package dev.tollgate.protocol;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A set of OAuth scope tokens (RFC 6749 §3.3), kept sorted so that equal sets print the same. */
public record Scopes(Set<String> values) {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,256}");
    private static final int MAX_SCOPES = 100;

    public static final Scopes EMPTY = new Scopes(Set.of());

    public Scopes {
        values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static Scopes of(String... values) {
        return new Scopes(Set.of(values));
    }

    public static Scopes of(Collection<String> values) {
        return new Scopes(Set.copyOf(values));
    }

    /** Parses a space-separated scope string; rejects characters RFC 6749 does not allow. */
    public static Scopes parse(String text) throws OAuthException {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        var parsed = new TreeSet<String>();
        // Only the space separates scopes (RFC 6749 §3.3); any other control character is an error, not padding.
        for (String token : text.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw OAuthError.INVALID_SCOPE.exception("Invalid scope syntax.");
            }
            parsed.add(token);
        }
        if (parsed.size() > MAX_SCOPES) {
            throw OAuthError.INVALID_SCOPE.exception("Too many scopes.");
        }
        return new Scopes(parsed);
    }

    /** Parses a scope string that came from our own storage, where it is known to be valid. */
    public static Scopes ofStored(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        return new Scopes(new TreeSet<>(Arrays.asList(text.split(" "))));
    }

    public boolean isEmpty() { return values.isEmpty(); }

    public boolean contains(String scope) { return values.contains(scope); }

    public boolean containsAll(Scopes other) { return values.containsAll(other.values); }

    public boolean containsAny(Collection<String> any) {
        for (String s : any) {
            if (values.contains(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(" ", values);
    }
}
