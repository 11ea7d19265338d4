package dev.tollgate.core.project;

import dev.tollgate.protocol.ApiError;
import java.util.Locale;

/** A member's role in a project; each role includes the ones below it. */
public enum Role {
    VIEWER, EDITOR, OWNER;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.wireName().equals(text)) {
                    return r;
                }
            }
        }
        throw ApiError.INVALID_ARGUMENT.exception("Invalid role: expected owner, editor or viewer.");
    }
}
