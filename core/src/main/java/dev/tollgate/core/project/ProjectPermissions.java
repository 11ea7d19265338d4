package dev.tollgate.core.project;

import dev.tollgate.core.access.Principal;
import dev.tollgate.protocol.ApiError;

/** Decides whether a principal may act on a project with at least a given role. */
public final class ProjectPermissions {
    private final ProjectRepository projects;

    public ProjectPermissions(ProjectRepository projects) {
        this.projects = projects;
    }

    public boolean isPlatformAdmin(Principal caller) {
        return projects.isPlatformAdmin(caller.member());
    }

    /**
     * Returns the project when the caller holds {@code needed} on it. A caller who is not a member
     * learns nothing about whether the project exists: Google answers 403 in both cases.
     */
    public Project require(Principal caller, String projectId, Role needed) {
        ProjectIds.require(projectId);
        if (isPlatformAdmin(caller)) {
            return projects.find(projectId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Project " + projectId + " not found."));
        }
        Role role = projects.roleOf(projectId, caller.member()).orElseThrow(this::denied);
        if (!role.includes(needed)) {
            throw ApiError.PERMISSION_DENIED.exception(
                    "The caller does not have permission: this needs the " + needed.wireName() + " role on project " + projectId + ".");
        }
        return projects.find(projectId).orElseThrow(this::denied);
    }

    /**
     * For the records a project leaves behind (usage, billing statements): like {@link #require},
     * but a platform administrator may still read those of a deleted project. Nobody else can: a
     * deleted project has no members.
     */
    public void requireRecords(Principal caller, String projectId) {
        ProjectIds.require(projectId);
        if (isPlatformAdmin(caller) && projects.wasDeleted(projectId)) {
            return;
        }
        require(caller, projectId, Role.VIEWER);
    }

    private dev.tollgate.protocol.ApiException denied() {
        return ApiError.PERMISSION_DENIED.exception("The caller does not have permission, or the project does not exist.");
    }
}
