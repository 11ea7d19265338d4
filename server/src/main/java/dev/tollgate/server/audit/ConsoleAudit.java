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
    public static final String SET_MEMBER = "/console/projects/{p}/iam";
    public static final String REMOVE_MEMBER = "/console/projects/{p}/iam/{member}/remove";
    public static final String UPDATE_OAUTH_CLIENT = "/console/projects/{p}/oauthClients/{c}";
    public static final String CREATE_CLIENT_SECRET = "/console/projects/{p}/oauthClients/{c}/secrets";
    public static final String DELETE_CLIENT_SECRET = "/console/projects/{p}/oauthClients/{c}/secrets/{s}/delete";
    public static final String DELETE_SERVICE_ACCOUNT = "/console/projects/{p}/serviceAccounts/{sa}/delete";
    public static final String UPLOAD_SERVICE_ACCOUNT_KEY = "/console/projects/{p}/serviceAccounts/{sa}/keys/upload";
    public static final String DISABLE_SERVICE_ACCOUNT_KEY = "/console/projects/{p}/serviceAccounts/{sa}/keys/{key}/disable";
    public static final String ENABLE_SERVICE_ACCOUNT_KEY = "/console/projects/{p}/serviceAccounts/{sa}/keys/{key}/enable";
    public static final String DELETE_SERVICE_ACCOUNT_KEY = "/console/projects/{p}/serviceAccounts/{sa}/keys/{key}/delete";
    public static final String CREATE_PERSON = "/console/admin/people";
    public static final String DISABLE_PERSON = "/console/admin/people/{email}/disable";
    public static final String ENABLE_PERSON = "/console/admin/people/{email}/enable";
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
            Map.entry(SET_MEMBER, "projects.members.set"),
            Map.entry(REMOVE_MEMBER, "projects.members.delete"),
            Map.entry(UPDATE_OAUTH_CLIENT, "projects.oauthClients.update"),
            Map.entry(CREATE_CLIENT_SECRET, "projects.oauthClients.secrets.create"),
            Map.entry(DELETE_CLIENT_SECRET, "projects.oauthClients.secrets.delete"),
            Map.entry(DELETE_SERVICE_ACCOUNT, "projects.serviceAccounts.delete"),
            Map.entry(UPLOAD_SERVICE_ACCOUNT_KEY, "projects.serviceAccounts.keys.upload"),
            Map.entry(DISABLE_SERVICE_ACCOUNT_KEY, "projects.serviceAccounts.keys.disable"),
            Map.entry(ENABLE_SERVICE_ACCOUNT_KEY, "projects.serviceAccounts.keys.enable"),
            Map.entry(DELETE_SERVICE_ACCOUNT_KEY, "projects.serviceAccounts.keys.delete"),
            Map.entry(CREATE_PERSON, "users.create"),
            Map.entry(DISABLE_PERSON, "users.disable"),
            Map.entry(ENABLE_PERSON, "users.enable"),
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
        record(ctx, who, method, Optional.of(projectId), resource, outcome);
    }

    /** @param projectId empty for a change outside projects, such as a person created by a platform administrator */
    public void record(Context ctx, SignedIn who, String method, Optional<String> projectId, String resource, AuditOutcome outcome) {
        trail.record(new AuditActor.Person(who.user().userId(), who.user().email()), method, projectId, resource,
                addresses.of(ctx), outcome);
    }
}
