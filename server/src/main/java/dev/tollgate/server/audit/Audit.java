package dev.tollgate.server.audit;

import dev.tollgate.core.audit.AuditAccess;
import dev.tollgate.core.audit.AuditLog;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.oauth.DeviceAuthorizationRepository;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.user.UserRepository;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.admin.AdminAuthenticator;
import io.javalin.Javalin;
import java.time.Clock;

/** The audit log of a node: the hooks that write it and the admin routes that read it. */
public final class Audit {
    private Audit() {}

    public static AuditTrail register(Javalin app, AuditLog log, ProjectPermissions permissions, AdminAuthenticator auth,
                                      ClientAddressResolver addressResolver, Sessions sessions, UserRepository users,
                                      DeviceAuthorizationRepository devices, Clock clock) {
        var trail = new AuditTrail(log, AuditAccess.of(permissions), clock);
        var addresses = new AuditAddresses(addressResolver);
        new AdminAuditHook(trail, auth, addresses).register(app);
        new PageAuditHook(trail, addresses, sessions, users, devices).register(app);
        new AuditLogRoutes(auth, trail).register(app);
        return trail;
    }
}
