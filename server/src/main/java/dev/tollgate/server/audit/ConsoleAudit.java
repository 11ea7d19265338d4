package dev.tollgate.server.audit;

import dev.tollgate.core.audit.AuditActor;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.session.SignedIn;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log of the developer console. A console form does what an admin API call does, and
 * its entry carries the same method name and resource as that call's would, with the person as
 * the actor. The console records each action itself, since only it knows the resource it created
 * (a key's id); {@link #ACTIONS} names its POST routes for {@link AuditCoverage}.
 */
public final class ConsoleAudit {
    public static final String PROJECTS = "/console/projects";
    public static final String ENABLE_API = "/console/projects/{p}/apis/{api}/enable";
    public static final String DISABLE_API = "/console/projects/{p}/apis/{api}/disable";
    public static final String CREATE_KEY = "/console/projects/{p}/keys";
    public static final String UPDATE_KEY = "/console/projects/{p}/keys/{k}";
    public static final String DELETE_KEY = "/console/projects/{p}/keys/{k}/delete";

    /** Each console POST route, with the method name its entries carry. */
    static final Map<String, String> ACTIONS = Map.of(
            PROJECTS, "projects.create",
            ENABLE_API, "projects.services.enable",
            DISABLE_API, "projects.services.disable",
            CREATE_KEY, "projects.keys.create",
            UPDATE_KEY, "projects.keys.update",
            DELETE_KEY, "projects.keys.delete");

    private final AuditTrail trail;
    private final AuditAddresses addresses;

    public ConsoleAudit(AuditTrail trail, ClientAddressResolver resolver) {
        this.trail = trail;
        this.addresses = new AuditAddresses(resolver);
    }

    /**
     * @param method   the admin API's method name, e.g. {@code projects.keys.create}
     * @param resource the admin API's resource name, e.g. {@code projects/p-1/keys/k-2}
     */
    public void record(Context ctx, SignedIn who, String method, String projectId, String resource, AuditOutcome outcome) {
        trail.record(new AuditActor.Person(who.user().userId(), who.user().email()), method, Optional.of(projectId), resource,
                addresses.of(ctx), outcome);
    }
}
