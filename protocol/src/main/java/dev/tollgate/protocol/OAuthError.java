package dev.tollgate.protocol;

/** The error codes of RFC 6749 §4.1.2.1 / §5.2, RFC 8628 §3.5 and OpenID Connect, with their HTTP status. */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    /** RFC 6750 §3.1; Google's tokeninfo answers an unusable token with it. */
    INVALID_TOKEN("invalid_token", 400),
    ACCESS_DENIED("access_denied", 400),
    SERVER_ERROR("server_error", 500),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    AUTHORIZATION_PENDING("authorization_pending", 400),
    SLOW_DOWN("slow_down", 400),
    EXPIRED_TOKEN("expired_token", 400),
    LOGIN_REQUIRED("login_required", 400),
    CONSENT_REQUIRED("consent_required", 400),
    INTERACTION_REQUIRED("interaction_required", 400),
    ACCOUNT_SELECTION_REQUIRED("account_selection_required", 400);

    private final String code;
    private final int httpStatus;

    OAuthError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() { return code; }

    public int httpStatus() { return httpStatus; }

    public OAuthException exception(String description) { return new OAuthException(this, description); }
}
