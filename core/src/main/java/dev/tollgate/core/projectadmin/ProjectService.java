package dev.tollgate.core.projectadmin;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectIds;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.protocol.ApiError;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Projects, the APIs they have enabled and their members. */
public final class ProjectService {
    private static final int MAX_DISPLAY_NAME = 100;

    private final ProjectRepository projects;
    private final ProjectPermissions permissions;
    private final ApiCatalog catalog;
    private final InvalidationBus bus;
    private final RevokedAccessTokens accessTokens;
    private final Clock clock;

    public ProjectService(ProjectRepository projects, dev.tollgate.core.principal.VerifiedAddresses addresses, ApiCatalog catalog,
                          InvalidationBus bus, RevokedAccessTokens accessTokens, Clock clock) {
        this.projects = projects;
        this.permissions = new ProjectPermissions(projects, addresses);
        this.catalog = catalog;
        this.bus = bus;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    public ProjectPermissions permissions() { return permissions; }

    public Project create(Principal caller, String projectId, String displayName) {
        ProjectIds.require(projectId);
        if (!permissions.holdsItsAddress(caller)) {
            // The new project's owner would be user:EMAIL, a grant to whoever verifies the address later.
            throw ApiError.PERMISSION_DENIED.exception("Verify your email address before creating a project.");
        }
        String name = displayName == null || displayName.isBlank() ? projectId : displayName.strip();
        if (name.length() > MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.INVALID_ARGUMENT.exception("displayName must be at most 100 printable characters.");
        }
        for (int attempt = 0; ; attempt++) {
            var project = new Project(projectId, Secrets.randomDigits(12), name, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            try {
                projects.insert(project, caller.member());
                return project;
            } catch (DuplicateException e) {
                if (projects.find(projectId).isPresent() || projects.wasDeleted(projectId) || attempt >= 3) {
                    throw ApiError.ALREADY_EXISTS.exception("Project " + projectId + " already exists.");
                }
                // otherwise the random project number collided: draw another
            }
        }
    }

    public Project get(Principal caller, String projectId) {
        return permissions.require(caller, projectId, Role.VIEWER);
    }

    public List<Project> list(Principal caller) {
        if (permissions.isPlatformAdmin(caller)) {
            return projects.list();
        }
        return permissions.holdsItsAddress(caller) ? projects.listForMember(caller.member()) : List.of();
    }

    /**
     * Deletes the project with its service accounts and their roles in every other project; its id
     * and its accounts' addresses stay reserved for good, as Google keeps deleted project ids.
     */
    public void delete(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.OWNER);
        projects.delete(projectId);
        accessTokens.revokeProject(projectId);
        bus.publish(new Invalidation.Project(projectId));
        bus.publish(new Invalidation.AllKeys());
        bus.publish(new Invalidation.AllTokens());
    }

    public record ServiceState(ApiDefinition api, boolean enabled) {}

    public List<ServiceState> services(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        Set<String> enabled = projects.enabledServices(projectId);
        return catalog.apis().stream().map(api -> new ServiceState(api, enabled.contains(api.name()))).toList();
    }

    public ServiceState setServiceEnabled(Principal caller, String projectId, String service, boolean enabled) {
        permissions.require(caller, projectId, Role.EDITOR);
        ApiDefinition api = catalog.apis().stream().filter(a -> a.name().equals(service)).findFirst()
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Service " + service + " is not in the catalog."));
        projects.setServiceEnabled(projectId, service, enabled);
        bus.publish(new Invalidation.Project(projectId));
        return new ServiceState(api, enabled);
    }

    public List<ProjectMember> members(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return projects.members(projectId);
    }

    public ProjectMember putMember(Principal caller, String projectId, Member member, Role role) {
        permissions.require(caller, projectId, Role.OWNER);
        Member grantable = MemberKinds.requireGrantable(member);
        if (role != Role.OWNER) {
            keepAnOwner(projectId, grantable);
        }
        projects.putMember(projectId, grantable, role);
        return new ProjectMember(grantable, role);
    }

    /** Takes a member's role away. A project keeps at least one owner: the last one cannot be removed or demoted. */
    public void removeMember(Principal caller, String projectId, Member member) {
        permissions.require(caller, projectId, Role.OWNER);
        keepAnOwner(projectId, member);
        if (!projects.removeMember(projectId, member)) {
            throw ApiError.NOT_FOUND.exception(member + " has no role in project " + projectId + ".");
        }
    }

    private void keepAnOwner(String projectId, Member leaving) {
        List<ProjectMember> owners = projects.members(projectId).stream().filter(m -> m.role() == Role.OWNER).toList();
        if (owners.size() == 1 && owners.get(0).member().equals(leaving)) {
            throw ApiError.FAILED_PRECONDITION.exception("A project keeps at least one owner: make another member owner first.");
        }
    }
}
