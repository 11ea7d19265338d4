package dev.tollgate.core.oauth;

import dev.tollgate.protocol.ApiError;

/** The kinds of OAuth client of a console project (service accounts are the third kind, elsewhere). */
public enum ClientType {
    /** A confidential server-side application: it keeps a secret and registers exact redirect URIs. */
    WEB("web"),
    /** A native or command-line application: a public client, PKCE required, loopback or private-use redirects. */
    INSTALLED("installed");

    private final String wireName;

    ClientType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() { return wireName; }

    public static ClientType parse(String text) {
        for (ClientType t : values()) {
            if (t.wireName.equals(text)) {
                return t;
            }
        }
        throw ApiError.INVALID_ARGUMENT.exception("type must be web or installed.");
    }
}
