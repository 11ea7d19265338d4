package dev.tollgate.server.admin.openapi;

import dev.tollgate.server.admin.openapi.Operation.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every route under {@code /admin/v1}, with the path template the server registers it under.
 * {@code AdminApiDescriptionTest} compares this list with the running server's routes.
 */
final class AdminOperations {
    static final String OPENAPI_PATH = "/admin/v1/openapi.json";
    private static final String P = "/admin/v1/projects";
    private static final String SA = P + "/{p}/serviceAccounts";
    private static final String CLIENTS = P + "/{p}/oauthClients";

    private final List<Operation> all = new ArrayList<>();

    private AdminOperations() {}

    static List<Operation> all() {
        var ops = new AdminOperations();
        ops.projects();
        ops.keys();
        ops.serviceAccounts();
        ops.oauthClients();
        ops.accounting();
        ops.auditAndPeople();
        ops.add(op("GET", OPENAPI_PATH, "openapi.get", "meta", "This description of the admin API", Access.PUBLIC, null, "OpenApiDocument"));
        return List.copyOf(ops.all);
    }

    private static Operation op(String method, String path, String id, String tag, String summary, Access access, String request,
                                String response) {
        return new Operation(method, path, id, tag, summary, access, Optional.ofNullable(request), response, List.of(), false);
    }

    private void add(Operation op) {
        all.add(op);
    }

    private void projects() {
        add(op("POST", P, "projects.create", "projects", "Create a project; the caller becomes its owner",
                Access.ANY_CALLER, "CreateProject", "Project").creating());
        add(op("GET", P, "projects.list", "projects", "List the projects the caller is a member of (all of them for a platform administrator)",
                Access.ANY_CALLER, null, "ProjectList"));
        add(op("GET", P + "/{p}", "projects.get", "projects", "Get a project", Access.VIEWER, null, "Project"));
        add(op("DELETE", P + "/{p}", "projects.delete", "projects",
                "Delete a project, its keys, clients and service accounts; its id stays reserved", Access.OWNER, null, "Empty"));
        add(op("GET", P + "/{p}/services", "projects.services.list", "services", "List the catalog's APIs and whether the project may call each",
                Access.VIEWER, null, "ServiceList"));
        add(op("POST", P + "/{p}/services/{api}/enable", "projects.services.enable", "services", "Let the project call an API",
                Access.EDITOR, null, "Service"));
        add(op("POST", P + "/{p}/services/{api}/disable", "projects.services.disable", "services", "Stop the project calling an API",
                Access.EDITOR, null, "Service"));
        add(op("POST", P + "/{p}/members", "projects.members.set", "members", "Grant a member a role (replacing the one it had)",
                Access.OWNER, "SetMember", "Member"));
        add(op("GET", P + "/{p}/members", "projects.members.list", "members", "List the project's members and their roles",
                Access.VIEWER, null, "MemberList"));
        add(op("DELETE", P + "/{p}/members/{member}", "projects.members.delete", "members",
                "Take a member's role away (member as user:EMAIL or serviceAccount:EMAIL); the last owner stays", Access.OWNER, null, "Empty"));
    }

    private void keys() {
        add(op("POST", P + "/{p}/keys", "projects.keys.create", "keys", "Create an API key; its key string is in this answer only",
                Access.EDITOR, "CreateApiKey", "CreatedApiKey"));
        add(op("GET", P + "/{p}/keys", "projects.keys.list", "keys", "List the project's API keys", Access.VIEWER, null, "ApiKeyList"));
        add(op("GET", P + "/{p}/keys/{k}", "projects.keys.get", "keys", "Get an API key", Access.VIEWER, null, "ApiKey"));
        add(op("PATCH", P + "/{p}/keys/{k}", "projects.keys.update", "keys", "Rename an API key or change its restrictions",
                Access.EDITOR, "UpdateApiKey", "ApiKey"));
        add(op("DELETE", P + "/{p}/keys/{k}", "projects.keys.delete", "keys", "Delete an API key; calls with it fail at once",
                Access.EDITOR, null, "Empty"));
    }

    private void serviceAccounts() {
        add(op("POST", SA, "projects.serviceAccounts.create", "serviceAccounts", "Create a service account",
                Access.EDITOR, "CreateServiceAccount", "ServiceAccount").creating());
        add(op("GET", SA, "projects.serviceAccounts.list", "serviceAccounts", "List the project's service accounts",
                Access.VIEWER, null, "ServiceAccountList"));
        add(op("GET", SA + "/{sa}", "projects.serviceAccounts.get", "serviceAccounts", "Get a service account",
                Access.VIEWER, null, "ServiceAccount"));
        add(op("DELETE", SA + "/{sa}", "projects.serviceAccounts.delete", "serviceAccounts",
                "Delete a service account; its tokens and roles end", Access.EDITOR, null, "Empty"));
        add(op("POST", SA + "/{sa}", "projects.serviceAccounts.setDisabled", "serviceAccounts",
                "Disable (EMAIL:disable) or enable (EMAIL:enable) a service account", Access.EDITOR, null, "ServiceAccount"));
        add(op("POST", SA + "/{sa}/keys", "projects.serviceAccounts.keys.create", "serviceAccounts",
                "Generate a key; its key file is in this answer only", Access.EDITOR, "CreateServiceAccountKey", "CreatedServiceAccountKey"));
        add(op("POST", SA + "/{sa}/keys:upload", "projects.serviceAccounts.keys.upload", "serviceAccounts",
                "Upload the public half of a key made elsewhere", Access.EDITOR, "UploadServiceAccountKey", "ServiceAccountKey"));
        add(op("GET", SA + "/{sa}/keys", "projects.serviceAccounts.keys.list", "serviceAccounts", "List a service account's keys",
                Access.VIEWER, null, "ServiceAccountKeyList"));
        add(op("GET", SA + "/{sa}/keys/{key}", "projects.serviceAccounts.keys.get", "serviceAccounts", "Get a service account key",
                Access.VIEWER, null, "ServiceAccountKey"));
        add(op("DELETE", SA + "/{sa}/keys/{key}", "projects.serviceAccounts.keys.delete", "serviceAccounts",
                "Delete a service account key", Access.EDITOR, null, "Empty"));
        add(op("POST", SA + "/{sa}/keys/{key}", "projects.serviceAccounts.keys.setDisabled", "serviceAccounts",
                "Disable (KEY_ID:disable) or enable (KEY_ID:enable) a service account key", Access.EDITOR, null, "ServiceAccountKey"));
    }

    private void oauthClients() {
        add(op("POST", CLIENTS, "projects.oauthClients.create", "oauthClients",
                "Create an OAuth client; its secret and client_secret.json are in this answer only", Access.EDITOR,
                "CreateOAuthClient", "CreatedOAuthClient"));
        add(op("GET", CLIENTS, "projects.oauthClients.list", "oauthClients", "List the project's OAuth clients",
                Access.VIEWER, null, "OAuthClientList"));
        add(op("GET", CLIENTS + "/{c}", "projects.oauthClients.get", "oauthClients", "Get an OAuth client", Access.VIEWER, null, "OAuthClient"));
        add(op("PATCH", CLIENTS + "/{c}", "projects.oauthClients.update", "oauthClients",
                "Rename a client or replace its redirect URIs or JavaScript origins", Access.EDITOR, "UpdateOAuthClient", "OAuthClient"));
        add(op("DELETE", CLIENTS + "/{c}", "projects.oauthClients.delete", "oauthClients",
                "Delete an OAuth client; its grants and tokens end", Access.EDITOR, null, "Empty"));
        add(op("POST", CLIENTS + "/{c}/secrets", "projects.oauthClients.secrets.create", "oauthClients",
                "Add a second secret to rotate to (at most two)", Access.EDITOR, "CreateClientSecret", "CreatedClientSecret"));
        add(op("GET", CLIENTS + "/{c}/secrets", "projects.oauthClients.secrets.list", "oauthClients", "List a client's secrets (without them)",
                Access.VIEWER, null, "ClientSecretList"));
        add(op("DELETE", CLIENTS + "/{c}/secrets/{s}", "projects.oauthClients.secrets.delete", "oauthClients", "Delete a client secret",
                Access.EDITOR, null, "Empty"));
        add(op("GET", P + "/{p}/consentScreen", "projects.consentScreen.get", "oauthClients",
                "Get what the consent page shows for the project's clients", Access.VIEWER, null, "ConsentScreen"));
        add(op("PATCH", P + "/{p}/consentScreen", "projects.consentScreen.update", "oauthClients",
                "Change what the consent page shows for the project's clients", Access.EDITOR, "UpdateConsentScreen", "ConsentScreen"));
    }

    private void accounting() {
        add(op("GET", P + "/{p}/billing", "projects.billing.get", "billing", "Get the project's billing account", Access.VIEWER, null, "Billing"));
        add(op("PATCH", P + "/{p}/billing", "projects.billing.update", "billing", "Turn billing on or off, set or remove the monthly budget",
                Access.OWNER, "UpdateBilling", "Billing"));
        add(op("GET", P + "/{p}/billing/statements/{month}", "projects.billing.statements.get", "billing",
                "Get a month's statement (JSON, or CSV with Accept: text/csv)", Access.RECORDS, null, "Statement"));
        add(op("GET", P + "/{p}/usage", "projects.usage.get", "usage", "Count the project's calls in a time range",
                Access.RECORDS, null, "Usage").withQuery(
                new QueryParameter("start", "The range's start, RFC 3339.", true, "2026-01-01T00:00:00Z"),
                new QueryParameter("end", "The range's end, RFC 3339; not before start.", true, "2026-02-01T00:00:00Z"),
                new QueryParameter("groupBy", "Comma-separated fields to group by: service, method, status. None: one row.", false,
                        "service,status")));
        add(op("GET", P + "/{p}/quotas", "projects.quotas.get", "quotas", "List the project's quota limits", Access.VIEWER, null, "QuotaLimits"));
        add(op("PATCH", P + "/{p}/quotas", "projects.quotas.update", "quotas",
                "Set or remove quota overrides (editors may only lower a limit; platform administrators may raise it)",
                Access.EDITOR, "UpdateQuotas", "QuotaLimits"));
    }

    private void auditAndPeople() {
        QueryParameter[] range = {
            new QueryParameter("start", "Only entries at or after this time, RFC 3339.", false, "2026-01-01T00:00:00Z"),
            new QueryParameter("end", "Only entries before this time, RFC 3339.", false, "2030-01-01T00:00:00Z"),
            new QueryParameter("pageSize", "Entries per page, 1 to 1000.", false, "100"),
            new QueryParameter("pageToken", "nextPageToken of the previous page.", false, null),
        };
        add(op("GET", P + "/{p}/auditLogs", "projects.auditLogs.list", "audit", "Read the changes made to the project",
                Access.OWNER, null, "AuditLogPage").withQuery(range));
        var platform = new ArrayList<>(List.of(range));
        platform.add(new QueryParameter("project", "Only the changes to this project.", false, null));
        add(op("GET", "/admin/v1/auditLogs", "auditLogs.list", "audit", "Read every change made through the admin API",
                Access.PLATFORM_ADMIN, null, "AuditLogPage").withQuery(platform.toArray(QueryParameter[]::new)));
        add(op("POST", "/admin/v1/users", "users.create", "users",
                "Create a person (verified at once, or mailed a verification link)", Access.PLATFORM_ADMIN, "CreateUser", "User").creating());
        add(op("GET", "/admin/v1/users", "users.list", "users", "List every person's account, by address",
                Access.PLATFORM_ADMIN, null, "UserList"));
        add(op("POST", "/admin/v1/users/{nameAndAction}", "users.verification", "users",
                "Mail a new verification link (EMAIL:resendVerification), make the address unverified (EMAIL:revokeVerification),"
                        + " disable the account, ending its sessions and tokens (EMAIL:disable), or enable it again (EMAIL:enable)",
                Access.PLATFORM_ADMIN, null, "UserAction"));
    }
}
