package dev.tollgate.core.cors;

/** The names of the CORS headers, and what Tollgate sends in them whatever the endpoint. */
public final class CorsHeaders {
    public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    public static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    public static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    public static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    public static final String MAX_AGE = "Access-Control-Max-Age";
    public static final String VARY = "Vary";
    /** Every header name Tollgate's CORS answers use starts so; a backend's own are dropped. */
    public static final String PREFIX = "access-control-";

    /** How long a browser may reuse a preflight's answer; Chromium keeps it at most two hours anyway. */
    static final String MAX_AGE_SECONDS = "3600";

    private CorsHeaders() {}
}
