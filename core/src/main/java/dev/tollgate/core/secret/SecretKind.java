package dev.tollgate.core.secret;

/** The kinds of bearer secret Tollgate issues; the prefix tells a reader (or a leak scanner) which is which. */
public enum SecretKind {
    API_KEY("tgk"),
    ACCESS_TOKEN("tga"),
    REFRESH_TOKEN("tgr"),
    CLIENT_SECRET("tgs"),
    AUTHORIZATION_CODE("tgc"),
    DEVICE_CODE("tgd"),
    /** The token in a mailed link: verify an address, reset a password, confirm a new address. */
    MAIL_LINK("tgm");

    private final String prefix;

    SecretKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() { return prefix; }
}
