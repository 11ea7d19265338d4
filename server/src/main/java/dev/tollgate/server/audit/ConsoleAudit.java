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
    public static final String CREATE_SERVICE_ACCOUNT = "/console/projects/{p}/serviceAccounts";
    public static final String DISABLE_SERVICE_ACCOUNT = "/console/projects/{p}/serviceAccounts/{sa}/disable";
    public static final String ENABLE_SERVICE_ACCOUNT = "/console/projects/{p}/serviceAccounts/{sa}/enable";
    public static final String CREATE_SERVICE_ACCOUNT_KEY = "/console/projects/{p}/serviceAccounts/{sa}/keys";
    public static final String CREATE_OAUTH_CLIENT = "/console/projects/{p}/oauthClients";
    public static final String DELETE_OAUTH_CLIENT = "/console/projects/{p}/oauthClients/{c}/delete";
    public static final String UPDATE_CONSENT_SCREEN = "/console/projects/{p}/consentScreen";
    public static final String UPDATE_QUOTAS = "/console/projects/{p}/quotas";
    public static final String UPDATE_BILLING = "/console/projects/{p}/billing";

    /** Each console POST route, with the method name its entries carry. */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry(PROJECTS, "projects.create"),
            Map.entry(ENABLE_API, "projects.services.enable"),
            Map.entry(DISABLE_API, "projects.services.disable"),
            Map.entry(CREATE_KEY, "projects.keys.create"),
            Map.entry(UPDATE_KEY, "projects.keys.update"),
            Map.entry(DELETE_KEY, "projects.keys.delete"),
            Map.entry(CREATE_SERVICE_ACCOUNT, "projects.serviceAccounts.create"),
            Map.entry(DISABLE_SERVICE_ACCOUNT, "projects.serviceAccounts.disable"),
            Map.entry(ENABLE_SERVICE_ACCOUNT, "projects.serviceAccounts.enable"),
            Map.entry(CREATE_SERVICE_ACCOUNT_KEY, "projects.serviceAccounts.keys.create"),
            Map.entry(CREATE_OAUTH_CLIENT, "projects.oauthClients.create"),
            Map.entry(DELETE_OAUTH_CLIENT, "projects.oauthClients.delete"),
            Map.entry(UPDATE_CONSENT_SCREEN, "projects.consentScreen.update"),
            Map.entry(UPDATE_QUOTAS, "projects.quotas.update"),
            Map.entry(UPDATE_BILLING, "projects.billing.update"));

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
