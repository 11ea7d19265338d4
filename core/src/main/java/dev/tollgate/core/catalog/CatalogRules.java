package dev.tollgate.core.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a catalog must follow, shared by the records (so no invalid value can exist) and by the
 * YAML reader (so a broken file is reported at the line that breaks the rule). Each check throws
 * {@link IllegalArgumentException} with a sentence meant for the person editing the catalog.
 */
final class CatalogRules {

    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MIN_COST = 1;
    static final int MAX_COST = 1000;
    static final int MAX_PRICE_DECIMALS = 6;

    // These belong to the OAuth server itself; an API claiming them could be granted admin or
    // identity access under its own consent text.
    private static final Set<String> RESERVED_SCOPES = Set.of("admin", "openid", "email", "profile");

    private static final Pattern API_NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    private static final Pattern API_VERSION = Pattern.compile("v[0-9]+[a-z0-9]*");
    private static final Pattern SCOPE_NAME = Pattern.compile("[a-z][a-z0-9._-]*");
    private static final Pattern METHOD_ID = Pattern.compile("[a-z][a-zA-Z0-9.]*");
    private static final Pattern BUILT_IN_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    // Bounded digits keep hostile numbers like 1e999999999 away from BigDecimal arithmetic.
    private static final Pattern PRICE = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");
    private static final String BUILT_IN_PREFIX = "builtin:";

    private CatalogRules() {
    }

    static void checkApiName(String name) {
        checkMatches(API_NAME, name, "API name",
                "2 to 63 characters: a lowercase letter, then lowercase letters, digits or '-'");
    }

    static void checkApiVersion(String version) {
        checkMatches(API_VERSION, version, "API version", "'v', a number, then optional lowercase letters or digits (like v1 or v2beta1)");
    }

    static void checkScopeName(String name) {
        checkMatches(SCOPE_NAME, name, "scope name", "a lowercase letter, then lowercase letters, digits, '.', '_' or '-'");
        if (RESERVED_SCOPES.contains(name)) {
            throw new IllegalArgumentException("scope name '" + name + "' is reserved by Tollgate; choose another name");
        }
    }

    static void checkMethodId(String id) {
        checkMatches(METHOD_ID, id, "method id", "a lowercase letter, then letters, digits or '.'");
    }

    static void checkHttpMethod(String httpMethod) {
        if (httpMethod == null || !HTTP_METHODS.contains(httpMethod)) {
            throw new IllegalArgumentException("HTTP method " + quote(httpMethod) + " is not supported; use GET, POST, PUT, PATCH or DELETE");
        }
    }

    static void checkCost(long cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("cost must be between " + MIN_COST + " and " + MAX_COST + ", found " + cost);
        }
    }

    static void checkPrice(BigDecimal pricePer1000) {
        if (pricePer1000 == null) {
            throw new IllegalArgumentException("pricePer1000 is required");
        }
        if (pricePer1000.signum() < 0) {
            throw new IllegalArgumentException("pricePer1000 must not be negative, found " + pricePer1000.toPlainString());
        }
        if (pricePer1000.stripTrailingZeros().scale() > MAX_PRICE_DECIMALS) {
            throw new IllegalArgumentException("pricePer1000 has more than " + MAX_PRICE_DECIMALS + " decimal places");
        }
    }

    static void checkBuiltInBackendName(String name) {
        checkMatches(BUILT_IN_NAME, name, "built-in backend name", "a lowercase letter, then lowercase letters, digits or '-'");
    }

    static void checkHttpBackend(URI uri) {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("backend URL '" + uri + "' must start with http:// or https://");
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            throw new IllegalArgumentException("backend URL '" + uri + "' has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the catalog would be logged and shown to admins; backends authenticate
            // callers through the X-Tollgate-* headers instead.
            throw new IllegalArgumentException("backend URL '" + uri + "' must not contain a user name or password");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("backend URL '" + uri + "' has an invalid port");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("backend URL '" + uri + "' must not have a query or fragment; it is a base URL that method paths are appended to");
        }
    }

    static BigDecimal parsePrice(String text) {
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("pricePer1000 must not be negative, found " + text);
        }
        if (!PRICE.matcher(text).matches()) {
            throw new IllegalArgumentException("pricePer1000 must be a decimal number such as \"0.50\", found '" + text + "'");
        }
        BigDecimal price = new BigDecimal(text);
        checkPrice(price);
        return price;
    }

    static Backend parseBackend(String text) {
        if (text.startsWith(BUILT_IN_PREFIX)) {
            return new Backend.BuiltIn(text.substring(BUILT_IN_PREFIX.length()));
        }
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("backend '" + text + "' must be builtin:NAME or an http:// or https:// URL");
        }
        try {
            return new Backend.Http(new URI(text));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("backend URL '" + text + "' is not a valid URL: " + e.getReason());
        }
    }

    static Access parseAccess(String text) {
        for (Access access : Access.values()) {
            if (access.name().toLowerCase(Locale.ROOT).equals(text)) {
                return access;
            }
        }
        throw new IllegalArgumentException("access '" + text + "' is not valid; use simple, authorized or either");
    }

    static void checkNotBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    static void checkAtLeast(String field, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum + ", found " + value);
        }
    }

    static String quote(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    private static void checkMatches(Pattern pattern, String value, String what, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + quote(value) + " is not valid; expected " + expected);
        }
    }
}
