package dev.tollgate.core.project;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.principal.VerifiedAddresses;
import dev.tollgate.protocol.ApiError;

/**
 * Decides whether a principal may act on a project with at least a given role. A person holds the
 * roles granted to {@code user:EMAIL} (and platform administration) only while {@code addresses}
 * says the address is verifiably theirs.
 */
public final class ProjectPermissions {
    private final ProjectRepository projects;
    private final VerifiedAddresses addresses;

    /** Permissions that trust every person's address: for tests and tools without people. */
    public ProjectPermissions(ProjectRepository projects) {
        this(projects, VerifiedAddresses.EVERY_ADDRESS);
    }

    public ProjectPermissions(ProjectRepository projects, VerifiedAddresses addresses) {
        this.projects = projects;
        this.addresses = addresses;
    }

    public boolean isPlatformAdmin(Principal caller) {
        return projects.isPlatformAdmin(caller.member()) && addresses.owns(caller);
    }

    /** Whether the caller's member string may be trusted for grants at all (an unverified person's may not). */
    public boolean holdsItsAddress(Principal caller) {
        return addresses.owns(caller);
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
        if (!addresses.owns(caller)) {
            throw ApiError.PERMISSION_DENIED.exception(
                    "The caller does not have permission: roles granted to an email address apply once its owner has verified it.");
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
