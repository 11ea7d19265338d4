package dev.tollgate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stable name and the resource of every change the admin API makes, by route. A route that
 * changes something and is missing here fails {@code AuditCoverageTest}; until it is added its
 * changes are still logged, under {@code admin.METHOD /path}.
 *
 * <p>A resource template is a resource name whose segments may be {@code {param}}, a path
 * parameter (a Google custom method's {@code :verb} left off), or {@code {=field}}, an id the
 * answer names (what a create made). When a value is missing, say a create that failed, the
 * resource is the collection named so far.
 */
final class AdminMethods {
    /** The custom-method verb of the path parameter named in a route's name: {@code projects.serviceAccounts.{verb:sa}}. */
    private static final Pattern VERB = Pattern.compile("\\{verb:([A-Za-z]+)}");
    /** The custom methods the admin API has; any other verb is named "unknown", so names stay a closed set. */
    private static final Set<String> VERBS = Set.of("enable", "disable", "resendVerification", "revokeVerification");

    record Route(String name, String resource) {}

    /** What one answered request changed: its method name, project and resource. */
    record Change(String method, Optional<String> projectId, String resource) {}

    private static final Map<String, Route> ROUTES = new LinkedHashMap<>();

    static {
        String p = "/admin/v1/projects";
        add(HandlerType.POST, p, "projects.create", "projects/{=projectId}");
        add(HandlerType.DELETE, p + "/{p}", "projects.delete", "projects/{p}");
        add(HandlerType.POST, p + "/{p}/services/{api}/enable", "projects.services.enable", "projects/{p}/services/{api}");
        add(HandlerType.POST, p + "/{p}/services/{api}/disable", "projects.services.disable", "projects/{p}/services/{api}");
        add(HandlerType.POST, p + "/{p}/members", "projects.members.set", "projects/{p}/members/{=member}");
        add(HandlerType.DELETE, p + "/{p}/members/{member}", "projects.members.delete", "projects/{p}/members/{member}");

        add(HandlerType.POST, p + "/{p}/keys", "projects.keys.create", "projects/{p}/keys/{=keyId}");
        add(HandlerType.PATCH, p + "/{p}/keys/{k}", "projects.keys.update", "projects/{p}/keys/{k}");
        add(HandlerType.DELETE, p + "/{p}/keys/{k}", "projects.keys.delete", "projects/{p}/keys/{k}");

        String accounts = p + "/{p}/serviceAccounts";
        add(HandlerType.POST, accounts, "projects.serviceAccounts.create", "projects/{p}/serviceAccounts/{=email}");
        add(HandlerType.DELETE, accounts + "/{sa}", "projects.serviceAccounts.delete", "projects/{p}/serviceAccounts/{sa}");
        add(HandlerType.POST, accounts + "/{sa}", "projects.serviceAccounts.{verb:sa}", "projects/{p}/serviceAccounts/{sa}");
        add(HandlerType.POST, accounts + "/{sa}/keys", "projects.serviceAccounts.keys.create",
                "projects/{p}/serviceAccounts/{sa}/keys/{=keyId}");
        add(HandlerType.POST, accounts + "/{sa}/keys:upload", "projects.serviceAccounts.keys.upload",
                "projects/{p}/serviceAccounts/{sa}/keys/{=keyId}");
        add(HandlerType.DELETE, accounts + "/{sa}/keys/{key}", "projects.serviceAccounts.keys.delete",
                "projects/{p}/serviceAccounts/{sa}/keys/{key}");
        add(HandlerType.POST, accounts + "/{sa}/keys/{key}", "projects.serviceAccounts.keys.{verb:key}",
                "projects/{p}/serviceAccounts/{sa}/keys/{key}");

        String clients = p + "/{p}/oauthClients";
        add(HandlerType.POST, clients, "projects.oauthClients.create", "projects/{p}/oauthClients/{=clientId}");
        add(HandlerType.PATCH, clients + "/{c}", "projects.oauthClients.update", "projects/{p}/oauthClients/{c}");
        add(HandlerType.DELETE, clients + "/{c}", "projects.oauthClients.delete", "projects/{p}/oauthClients/{c}");
        add(HandlerType.POST, clients + "/{c}/secrets", "projects.oauthClients.secrets.create",
                "projects/{p}/oauthClients/{c}/secrets/{=secretId}");
        add(HandlerType.DELETE, clients + "/{c}/secrets/{s}", "projects.oauthClients.secrets.delete",
                "projects/{p}/oauthClients/{c}/secrets/{s}");
        add(HandlerType.PATCH, p + "/{p}/consentScreen", "projects.consentScreen.update", "projects/{p}/consentScreen");

        add(HandlerType.PATCH, p + "/{p}/quotas", "projects.quotas.update", "projects/{p}/quotas");
        add(HandlerType.PATCH, p + "/{p}/billing", "projects.billing.update", "projects/{p}/billing");

        add(HandlerType.POST, "/admin/v1/users", "users.create", "users/{=email}");
        add(HandlerType.POST, "/admin/v1/users/{nameAndAction}", "users.{verb:nameAndAction}", "users/{nameAndAction}");
    }

    private AdminMethods() {}

    private static void add(HandlerType verb, String path, String name, String resource) {
        ROUTES.put(verb + " " + path, new Route(name, resource));
    }

    static Optional<Route> find(HandlerType verb, String pathTemplate) {
        return Optional.ofNullable(ROUTES.get(verb + " " + pathTemplate));
    }

    /**
     * The change a request to {@code pathTemplate} made.
     *
     * @param answer the JSON answer of a successful request, or null
     */
    static Change change(HandlerType verb, String pathTemplate, Map<String, String> pathParams, JsonNode answer) {
        Route route = find(verb, pathTemplate)
                .orElseGet(() -> new Route("admin." + verb + " " + pathTemplate, pathTemplate.replaceFirst("^/admin/v1/", "")));
        String resource = resource(route.resource(), route.name(), pathParams, answer);
        Optional<String> projectId = Optional.ofNullable(pathParams.get("p"));
        if (projectId.isEmpty() && resource.startsWith("projects/")) {
            projectId = Optional.of(resource.split("/")[1]);
        }
        return new Change(name(route.name(), pathParams), projectId, resource);
    }

    private static String name(String name, Map<String, String> pathParams) {
        var m = VERB.matcher(name);
        if (!m.find()) {
            return name;
        }
        String segment = pathParams.getOrDefault(m.group(1), "");
        int colon = segment.lastIndexOf(':');
        String verb = colon < 0 ? "" : segment.substring(colon + 1);
        return name.substring(0, m.start()) + (VERBS.contains(verb) ? verb : "unknown") + name.substring(m.end());
    }

    private static String resource(String template, String name, Map<String, String> pathParams, JsonNode answer) {
        var sb = new StringBuilder();
        for (String segment : template.split("/")) {
            String value;
            if (segment.startsWith("{=")) {
                JsonNode field = answer == null ? null : answer.get(segment.substring(2, segment.length() - 1));
                value = field != null && field.isTextual() ? field.asText() : null;
            } else if (segment.startsWith("{")) {
                String param = segment.substring(1, segment.length() - 1);
                value = pathParams.get(param);
                if (value != null && name.contains("{verb:" + param + "}") && value.lastIndexOf(':') > 0) {
                    value = value.substring(0, value.lastIndexOf(':'));
                }
            } else {
                value = segment;
            }
            if (value == null || value.isEmpty()) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : "/").append(value);
        }
        return sb.toString();
    }
}
