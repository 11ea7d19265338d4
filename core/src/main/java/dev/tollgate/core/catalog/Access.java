package dev.tollgate.core.catalog;

/** Which credentials a method accepts: an API key, an OAuth access token, or either. */
public enum Access {
    SIMPLE(true, false),
    AUTHORIZED(false, true),
    EITHER(true, true);

    private final boolean allowsKey;
    private final boolean allowsToken;

    Access(boolean allowsKey, boolean allowsToken) {
        this.allowsKey = allowsKey;
        this.allowsToken = allowsToken;
    }

    public boolean allowsKey() {
        return allowsKey;
    }

    public boolean allowsToken() {
        return allowsToken;
    }
}
