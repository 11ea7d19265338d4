package dev.tollgate.protocol;

/**
 * The closed set of errors an API, the gateway or the admin API can answer, in Google's error
 * model: HTTP code, canonical status and the {@code google.rpc.ErrorInfo} reason.
 */
public enum ApiError {
    CREDENTIALS_MISSING_SIMPLE(403, "PERMISSION_DENIED", "CREDENTIALS_MISSING", "forbidden",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."),
    CREDENTIALS_MISSING_AUTHORIZED(401, "UNAUTHENTICATED", "CREDENTIALS_MISSING", "required",
            "Request is missing required authentication credential. Expected OAuth 2 access token or other valid authentication credential."),
    API_KEY_INVALID(400, "INVALID_ARGUMENT", "API_KEY_INVALID", "badRequest",
            "API key not valid. Please pass a valid API key."),
    API_KEY_SERVICE_BLOCKED(403, "PERMISSION_DENIED", "API_KEY_SERVICE_BLOCKED", "forbidden",
            "Requests to this API method are blocked."),
    API_KEY_IP_ADDRESS_BLOCKED(403, "PERMISSION_DENIED", "API_KEY_IP_ADDRESS_BLOCKED", "forbidden",
            "The IP address this request came from is not allowed to use this API key."),
    API_KEY_HTTP_REFERRER_BLOCKED(403, "PERMISSION_DENIED", "API_KEY_HTTP_REFERRER_BLOCKED", "forbidden",
            "Requests from this HTTP referrer are blocked."),
    API_KEY_ANDROID_APP_BLOCKED(403, "PERMISSION_DENIED", "API_KEY_ANDROID_APP_BLOCKED", "forbidden",
            "Requests from this Android client application are blocked."),
    API_KEY_IOS_APP_BLOCKED(403, "PERMISSION_DENIED", "API_KEY_IOS_APP_BLOCKED", "forbidden",
            "Requests from this iOS client application are blocked."),
    SERVICE_DISABLED(403, "PERMISSION_DENIED", "SERVICE_DISABLED", "accessNotConfigured",
            "The API has not been used in this project before or it is disabled. Enable it, then retry."),
    ACCESS_TOKEN_EXPIRED(401, "UNAUTHENTICATED", "ACCESS_TOKEN_EXPIRED", "authError",
            "Request had invalid authentication credentials. The access token has expired."),
    ACCESS_TOKEN_INVALID(401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID", "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
    ACCESS_TOKEN_SCOPE_INSUFFICIENT(403, "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "insufficientPermissions",
            "Request had insufficient authentication scopes."),
    RATE_LIMIT_EXCEEDED(429, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED", "rateLimitExceeded",
            "Quota exceeded for quota metric."),
    BILLING_DISABLED(403, "PERMISSION_DENIED", "BILLING_DISABLED", "accessNotConfigured",
            "This API method requires billing to be enabled."),
    /** A request the caller can fix: bad JSON, a bad field value, a bad parameter. */
    INVALID_ARGUMENT(400, "INVALID_ARGUMENT", "BAD_REQUEST", "badRequest", "Request contains an invalid argument."),
    /** A well-formed credential that does not let this caller do this. */
    PERMISSION_DENIED(403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED", "forbidden",
            "The caller does not have permission."),
    /** A CORS preflight from a page the endpoint does not serve; the answer carries no CORS headers, so the browser refuses too. */
    CORS_REQUEST_BLOCKED(403, "PERMISSION_DENIED", "CORS_REQUEST_BLOCKED", "forbidden",
            "Pages from this origin may not make this request from a browser."),
    /** Admin API without valid credentials. */
    UNAUTHENTICATED(401, "UNAUTHENTICATED", "CREDENTIALS_MISSING", "required",
            "Request is missing required authentication credential."),
    NOT_FOUND(404, "NOT_FOUND", "NOT_FOUND", "notFound", "Requested entity was not found."),
    ALREADY_EXISTS(409, "ALREADY_EXISTS", "ALREADY_EXISTS", "conflict", "Requested entity already exists."),
    FAILED_PRECONDITION(400, "FAILED_PRECONDITION", "FAILED_PRECONDITION", "failedPrecondition",
            "The request cannot be carried out in the resource's current state."),
    METHOD_NOT_ALLOWED(405, "INVALID_ARGUMENT", "METHOD_NOT_ALLOWED", "httpMethodNotAllowed",
            "The HTTP method is not allowed on this resource."),
    PAYLOAD_TOO_LARGE(413, "INVALID_ARGUMENT", "PAYLOAD_TOO_LARGE", "badRequest", "Request payload is too large."),
    BACKEND_UNAVAILABLE(502, "UNAVAILABLE", "BACKEND_UNAVAILABLE", "backendError",
            "The service behind this API could not be reached."),
    BACKEND_TIMEOUT(504, "DEADLINE_EXCEEDED", "BACKEND_TIMEOUT", "backendError",
            "The service behind this API did not answer in time."),
    /** The call could not be metered, so it is not served: nothing is answered that the ledger would miss. */
    METERING_UNAVAILABLE(503, "UNAVAILABLE", "METERING_UNAVAILABLE", "backendError",
            "The service is temporarily unable to record usage. Retry shortly."),
    INTERNAL(500, "INTERNAL", "INTERNAL", "backendError", "Internal error encountered.");

    private final int httpStatus;
    private final String status;
    private final String reason;
    private final String legacyReason;
    private final String defaultMessage;

    ApiError(int httpStatus, String status, String reason, String legacyReason, String defaultMessage) {
        this.httpStatus = httpStatus;
        this.status = status;
        this.reason = reason;
        this.legacyReason = legacyReason;
        this.defaultMessage = defaultMessage;
    }

    public int httpStatus() { return httpStatus; }

    /** The canonical status name of {@code google.rpc.Code}. */
    public String status() { return status; }

    /** The {@code google.rpc.ErrorInfo} reason. */
    public String reason() { return reason; }

    /** The reason of the legacy {@code errors[]} array that older Google clients read. */
    public String legacyReason() { return legacyReason; }

    public String defaultMessage() { return defaultMessage; }

    public ApiException exception() { return new ApiException(this, defaultMessage); }

    public ApiException exception(String message) { return new ApiException(this, message); }
}
