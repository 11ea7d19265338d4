package dev.tollgate.core.oauth;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The person's side: which applications have access, and taking it back. */
public final class Permissions {
    private final GrantRepository grants;
    private final OAuthClientRepository clients;
    private final ProjectRepository projects;
    private final OAuthClientService clientService;
    private final TokenRevoker revoker;
    private final ScopeDescriptions descriptions;

    public Permissions(GrantRepository grants, OAuthClientRepository clients, ProjectRepository projects,
                       OAuthClientService clientService, TokenRevoker revoker, ApiCatalog catalog) {
        this.grants = grants;
        this.clients = clients;
        this.projects = projects;
        this.clientService = clientService;
        this.revoker = revoker;
        this.descriptions = new ScopeDescriptions(catalog);
    }

    public record AppAccess(String clientId, String applicationName, String projectId, List<String> scopeDescriptions,
                            Instant grantTime, Optional<Instant> lastUsedTime, Optional<String> homepage) {}

    public List<AppAccess> list(String userId) {
        var out = new ArrayList<AppAccess>();
        for (Grant g : grants.listForUser(userId)) {
            Optional<OAuthClient> client = clients.find(g.clientId());
            Optional<Project> project = client.flatMap(c -> projects.find(c.projectId()));
            if (client.isEmpty() || project.isEmpty()) {
                continue;
            }
            ConsentScreen screen = clientService.consentScreenOf(project.get());
            out.add(new AppAccess(g.clientId(), screen.applicationName(), project.get().projectId(),
                    g.scopes().values().stream().map(descriptions::describe).toList(), g.createTime(), g.lastUsedTime(), screen.homepage()));
        }
        out.sort(Comparator.comparing(AppAccess::applicationName));
        return out;
    }

    /** Removes the application's access: the grant, its refresh tokens and every access token from it. */
    public boolean remove(String userId, String clientId) {
        if (grants.find(userId, clientId).isEmpty()) {
            return false;
        }
        revoker.removeGrant(userId, clientId);
        return true;
    }
}
