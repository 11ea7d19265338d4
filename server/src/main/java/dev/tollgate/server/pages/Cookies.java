package dev.tollgate.server.pages;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The pages' cookies: HttpOnly, SameSite=Lax, Path=/, no Domain. When the issuer is https they are
 * also Secure and named with the {@code __Host-} prefix, which browsers accept only from a secure
 * origin for exactly this host: a neighbouring subdomain cannot plant or overwrite them.
 */
public final class Cookies {
    private final boolean secure;

    public Cookies(boolean secure) {
        this.secure = secure;
    }

    /** The name a cookie has on the wire: {@code __Host-NAME} over https, {@code NAME} otherwise. */
    public String wireName(String name) {
        return secure ? "__Host-" + name : name;
    }

    public Optional<String> read(Context ctx, String name) {
        String value = ctx.cookie(wireName(name));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Sets a cookie whose value is already cookie-safe (the callers' values are base62).
     *
     * @param maxAge empty for a cookie that ends with the browser session
     */
    public void set(Context ctx, String name, String value, Optional<Duration> maxAge) {
        ctx.res().addHeader("Set-Cookie", wireName(name) + "=" + value + "; Path=/"
                + maxAge.map(d -> "; Max-Age=" + d.toSeconds()).orElse("") + attributes());
    }

    public void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", wireName(name) + "=; Path=/; Max-Age=0" + attributes());
    }

    private String attributes() {
        return "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
