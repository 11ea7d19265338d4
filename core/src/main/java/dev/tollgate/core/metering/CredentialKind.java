package dev.tollgate.core.metering;

/** What identified the caller of a charged call. The codes are written to the journal: never renumber them. */
public enum CredentialKind {
    KEY(1), CLIENT(2), SERVICE_ACCOUNT(3);

    private final byte code;

    CredentialKind(int code) {
        this.code = (byte) code;
    }

    byte code() { return code; }

    static CredentialKind ofCode(byte code) {
        for (CredentialKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown credential kind code " + code);
    }
}
