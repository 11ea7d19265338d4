package dev.tollgate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.audit.AuditActor;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.server.admin.AdminAuthenticator;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every change made through {@code /admin/v1}, in one place rather than in each route: before
 * a POST, PUT, PATCH or DELETE runs, who is calling (as the admin authenticator sees it, or
 * anonymous); after it is answered, which route it took ({@link AdminMethods}) and how it ended.
 * Reads are not logged, and neither are requests that matched no route (nothing was changed).
 */
public final class AdminAuditHook {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuditHook.class);
    static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static final String ACTOR = AdminAuditHook.class.getName() + ".actor";

    private final AuditTrail trail;
    private final AdminAuthenticator auth;
    private final AuditAddresses addresses;

    AdminAuditHook(AuditTrail trail, AdminAuthenticator auth, AuditAddresses addresses) {
        this.trail = trail;
        this.auth = auth;
        this.addresses = addresses;
    }

    void register(Javalin app) {
        app.before("/admin/v1/*", this::identify);
        app.after("/admin/v1/*", this::record);
    }

    /** Who calls, found before the change runs: a change may revoke the very credential it was made with. */
    private void identify(Context ctx) {
        if (!CHANGES.contains(ctx.method())) {
            return;
        }
        AuditActor actor;
        try {
            actor = AuditActor.of(auth.principal(ctx));
        } catch (RuntimeException e) {
            actor = AuditActor.ANONYMOUS;
        }
        ctx.attribute(ACTOR, actor);
    }

    private void record(Context ctx) {
        if (!CHANGES.contains(ctx.method())) {
            return;
        }
        try {
            String template = ctx.endpointHandlerPath();
            if (!template.startsWith("/admin/v1/")) {
                return;
            }
            AuditOutcome outcome = Outcomes.ofApi(ctx);
            JsonNode answer = outcome.succeeded() ? Outcomes.json(ctx).orElse(null) : null;
            var change = AdminMethods.change(ctx.method(), template, ctx.pathParamMap(), answer);
            AuditActor actor = ctx.attribute(ACTOR);
            trail.record(actor == null ? AuditActor.ANONYMOUS : actor, change.method(), change.projectId(), change.resource(),
                    addresses.of(ctx), outcome);
        } catch (RuntimeException e) {
            // The change has been answered; a log that fails must not turn it into an error.
            LOG.error("Could not log {} {} in the audit log", ctx.method(), ctx.path(), e);
        }
    }
}
