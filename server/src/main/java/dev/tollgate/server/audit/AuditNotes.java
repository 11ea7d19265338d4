package dev.tollgate.server.audit;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * What a page tells the audit log that its answer does not show: one line at the call site, for a
 * page that answers 200 whether or not its action took.
 */
public final class AuditNotes {
    private static final String REFUSED = AuditNotes.class.getName() + ".refused";

    private AuditNotes() {}

    /** The action of this request did not take, for {@code reason} ({@code USER_CODE_INVALID}). */
    public static void refused(Context ctx, String reason) {
        ctx.attribute(REFUSED, reason);
    }

    static Optional<String> refusal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(REFUSED));
    }
}
