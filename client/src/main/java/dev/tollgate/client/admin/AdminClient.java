package dev.tollgate.client.admin;

import dev.tollgate.client.ApiErrorException;
import dev.tollgate.client.ApiResponse;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.protocol.admin.AdminJson;
import dev.tollgate.protocol.admin.ApiKeyResource;
import dev.tollgate.protocol.admin.BillingResource;
import dev.tollgate.protocol.admin.ConsentScreenResource;
import dev.tollgate.protocol.admin.KeyRestrictionsResource;
import dev.tollgate.protocol.admin.Member;
import dev.tollgate.protocol.admin.OAuthClientResource;
import dev.tollgate.protocol.admin.Project;
import dev.tollgate.protocol.admin.QuotaLimit;
import dev.tollgate.protocol.admin.QuotaOverrides;
import dev.tollgate.protocol.admin.ServiceAccountKeyResource;
import dev.tollgate.protocol.admin.ServiceAccountResource;
import dev.tollgate.protocol.admin.ServiceState;
import dev.tollgate.protocol.admin.StatementResource;
import dev.tollgate.protocol.admin.UsageRowResource;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tollgate's admin API with the caller's credentials: projects, their services, API keys, service accounts
 * and their keys, members, OAuth clients, quotas, usage, billing and statements. Each call answers with the
 * protocol's records, the very ones the server renders (CONTRACT.md, "Admin API"); a refusal is an
 * {@link ApiErrorException} with the server's status and reason. The {@link TollgateClient} needs credentials
 * whose token carries the {@code admin} scope.
 */
public final class AdminClient {
    private static final String ADMIN = "/admin/v1";

    private final TollgateClient http;

    private AdminClient(TollgateClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The admin API of the server {@code client} talks to, with its credentials. */
    public static AdminClient of(TollgateClient client) {
        return new AdminClient(client);
    }

    // Projects

    /** Creates a project; the caller becomes its owner. {@code displayName} may be null (the id is shown). */
    public Project createProject(String projectId, String displayName) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("projectId", projectId);
        putIfPresent(body, "displayName", displayName);
        return read(http.post(ADMIN + "/projects", body), Project.class);
    }

    /** The projects the caller is a member of. */
    public List<Project> listProjects() throws IOException {
        return read(http.get(ADMIN + "/projects"), Project.Page.class).projects();
    }

    public Project getProject(String projectId) throws IOException {
        return read(http.get(project(projectId)), Project.class);
    }

    /** Deletes a project with its keys, clients and service accounts; its id stays taken. */
    public void deleteProject(String projectId) throws IOException {
        http.delete(project(projectId));
    }

    // Services

    /** The catalog's APIs and whether the project may call each. */
    public List<ServiceState> listServices(String projectId) throws IOException {
        return read(http.get(project(projectId) + "/services"), ServiceState.Page.class).services();
    }

    public ServiceState enableService(String projectId, String api) throws IOException {
        return read(http.post(project(projectId) + "/services/" + segment(api) + "/enable", Map.of()), ServiceState.class);
    }

    public ServiceState disableService(String projectId, String api) throws IOException {
        return read(http.post(project(projectId) + "/services/" + segment(api) + "/disable", Map.of()), ServiceState.class);
    }

    // API keys

    /**
     * Creates an API key; the answer alone carries its {@link ApiKeyResource#keyString()}.
     *
     * @param restrictions null for none
     */
    public ApiKeyResource createKey(String projectId, String displayName, KeyRestrictionsResource restrictions) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        putIfPresent(body, "displayName", displayName);
        putIfPresent(body, "restrictions", restrictions);
        return read(http.post(keys(projectId), body), ApiKeyResource.class);
    }

    public List<ApiKeyResource> listKeys(String projectId) throws IOException {
        return read(http.get(keys(projectId)), ApiKeyResource.Page.class).keys();
    }

    public ApiKeyResource getKey(String projectId, String keyId) throws IOException {
        return read(http.get(keys(projectId) + "/" + segment(keyId)), ApiKeyResource.class);
    }

    /**
     * Renames a key and/or replaces its restrictions ({@link KeyRestrictionsResource#NONE} removes them all);
     * what is empty stays.
     */
    public ApiKeyResource updateKey(String projectId, String keyId, Optional<String> displayName,
                                    Optional<KeyRestrictionsResource> restrictions) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        displayName.ifPresent(n -> body.put("displayName", n));
        restrictions.ifPresent(r -> body.put("restrictions", r));
        return read(http.send("PATCH", keys(projectId) + "/" + segment(keyId), body), ApiKeyResource.class);
    }

    /** Deletes a key; calls with it fail at once. */
    public void deleteKey(String projectId, String keyId) throws IOException {
        http.delete(keys(projectId) + "/" + segment(keyId));
    }

    // Service accounts and their keys

    public ServiceAccountResource createServiceAccount(String projectId, String accountId, String displayName) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("accountId", accountId);
        putIfPresent(body, "displayName", displayName);
        return read(http.post(accounts(projectId), body), ServiceAccountResource.class);
    }

    public List<ServiceAccountResource> listServiceAccounts(String projectId) throws IOException {
        return read(http.get(accounts(projectId)), ServiceAccountResource.Page.class).serviceAccounts();
    }

    public ServiceAccountResource getServiceAccount(String projectId, String email) throws IOException {
        return read(http.get(account(projectId, email)), ServiceAccountResource.class);
    }

    /** Disables ({@code true}: it gets no tokens) or enables a service account. */
    public ServiceAccountResource setServiceAccountDisabled(String projectId, String email, boolean disabled) throws IOException {
        return read(http.post(account(projectId, email) + (disabled ? ":disable" : ":enable"), Map.of()), ServiceAccountResource.class);
    }

    public void deleteServiceAccount(String projectId, String email) throws IOException {
        http.delete(account(projectId, email));
    }

    /** Generates a key; the answer alone carries the key file ({@link ServiceAccountKeyResource#keyFileJson()}). */
    public ServiceAccountKeyResource createServiceAccountKey(String projectId, String email) throws IOException {
        return read(http.post(account(projectId, email) + "/keys", Map.of()), ServiceAccountKeyResource.class);
    }

    public List<ServiceAccountKeyResource> listServiceAccountKeys(String projectId, String email) throws IOException {
        return read(http.get(account(projectId, email) + "/keys"), ServiceAccountKeyResource.Page.class).keys();
    }

    /** Disables ({@code true}: tokens signed with it are refused) or enables a key. */
    public ServiceAccountKeyResource setServiceAccountKeyDisabled(String projectId, String email, String keyId, boolean disabled)
            throws IOException {
        return read(http.post(account(projectId, email) + "/keys/" + segment(keyId) + (disabled ? ":disable" : ":enable"), Map.of()),
                ServiceAccountKeyResource.class);
    }

    public void deleteServiceAccountKey(String projectId, String email, String keyId) throws IOException {
        http.delete(account(projectId, email) + "/keys/" + segment(keyId));
    }

    // Members

    /** Grants {@code member} ({@code user:EMAIL} or {@code serviceAccount:EMAIL}) a role, replacing the one it had. */
    public Member addMember(String projectId, String member, String role) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("member", member);
        body.put("role", role);
        return read(http.post(project(projectId) + "/members", body), Member.class);
    }

    public List<Member> listMembers(String projectId) throws IOException {
        return read(http.get(project(projectId) + "/members"), Member.Page.class).members();
    }

    /** Takes a member's role away; the last owner stays. */
    public void removeMember(String projectId, String member) throws IOException {
        http.delete(project(projectId) + "/members/" + segment(member));
    }

    // OAuth clients

    /**
     * Creates an OAuth client of {@code type} {@code web} or {@code installed}; the answer alone carries its
     * secret and {@code client_secret.json}.
     */
    public OAuthClientResource createOAuthClient(String projectId, String type, String displayName, List<String> redirectUris,
                                                 List<String> javascriptOrigins) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type);
        putIfPresent(body, "displayName", displayName);
        body.put("redirectUris", redirectUris == null ? List.of() : redirectUris);
        body.put("javascriptOrigins", javascriptOrigins == null ? List.of() : javascriptOrigins);
        return read(http.post(clients(projectId), body), OAuthClientResource.class);
    }

    public List<OAuthClientResource> listOAuthClients(String projectId) throws IOException {
        return read(http.get(clients(projectId)), OAuthClientResource.Page.class).oauthClients();
    }

    public OAuthClientResource getOAuthClient(String projectId, String clientId) throws IOException {
        return read(http.get(clients(projectId) + "/" + segment(clientId)), OAuthClientResource.class);
    }

    /** Deletes a client; its grants and tokens end. */
    public void deleteOAuthClient(String projectId, String clientId) throws IOException {
        http.delete(clients(projectId) + "/" + segment(clientId));
    }

    /** What the consent page shows for the project's clients. */
    public ConsentScreenResource getConsentScreen(String projectId) throws IOException {
        return read(http.get(project(projectId) + "/consentScreen"), ConsentScreenResource.class);
    }

    // Quotas, usage, billing

    public List<QuotaLimit> listQuotas(String projectId) throws IOException {
        return read(http.get(project(projectId) + "/quotas"), QuotaLimit.Page.class).limits();
    }

    /** Sets or removes per-project limits; answers with all the project's limits as they now are. */
    public List<QuotaLimit> setQuotas(String projectId, List<QuotaOverrides.Override> overrides) throws IOException {
        return read(http.send("PATCH", project(projectId) + "/quotas", new QuotaOverrides(overrides)), QuotaLimit.Page.class).limits();
    }

    /**
     * The project's calls between {@code start} and {@code end} (RFC 3339), grouped by any of {@code service},
     * {@code method}, {@code status} and {@code credential}.
     */
    public List<UsageRowResource> usage(String projectId, String start, String end, Collection<String> groupBy) throws IOException {
        String query = "?start=" + query(start) + "&end=" + query(end)
                + (groupBy == null || groupBy.isEmpty() ? "" : "&groupBy=" + query(String.join(",", groupBy)));
        return read(http.get(project(projectId) + "/usage" + query), UsageRowResource.Page.class).rows();
    }

    public BillingResource getBilling(String projectId) throws IOException {
        return read(http.get(project(projectId) + "/billing"), BillingResource.class);
    }

    public BillingResource updateBilling(String projectId, BillingUpdate update) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        update.enabled().ifPresent(e -> body.put("enabled", e));
        update.monthlyBudget().ifPresent(b -> body.put("monthlyBudget", b.isEmpty() ? null : b));
        return read(http.send("PATCH", project(projectId) + "/billing", body), BillingResource.class);
    }

    /** The statement of a month, {@code YYYY-MM}. */
    public StatementResource getStatement(String projectId, String month) throws IOException {
        return read(http.get(statement(projectId, month)), StatementResource.class);
    }

    /** The statement of a month as the server writes it in CSV. */
    public String getStatementCsv(String projectId, String month) throws IOException {
        return http.send("GET", statement(projectId, month), null, "text/csv").body();
    }

    private static String project(String projectId) {
        return ADMIN + "/projects/" + segment(projectId);
    }

    private static String keys(String projectId) {
        return project(projectId) + "/keys";
    }

    private static String accounts(String projectId) {
        return project(projectId) + "/serviceAccounts";
    }

    private static String account(String projectId, String email) {
        return accounts(projectId) + "/" + segment(email);
    }

    private static String clients(String projectId) {
        return project(projectId) + "/oauthClients";
    }

    private static String statement(String projectId, String month) {
        return project(projectId) + "/billing/statements/" + segment(month);
    }

    private static void putIfPresent(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static <T> T read(ApiResponse response, Class<T> type) throws IOException {
        try {
            return AdminJson.parse(response.body(), type);
        } catch (IllegalArgumentException e) {
            throw new IOException("The server's answer is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One path segment, percent-encoded (ids and e-mail addresses). */
    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "path segment"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "query value"), StandardCharsets.UTF_8);
    }
}
