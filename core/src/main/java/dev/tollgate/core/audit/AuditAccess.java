package dev.tollgate.core.audit;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.protocol.ApiError;
import java.time.Instant;

/** Who may read which log: a project's owners read its log, platform administrators read all of it. */
public interface AuditAccess {

    /**
     * When the project was created, if the caller owns it or is a platform administrator; its
     * owners see nothing from before then (attempts on an id no project held yet are not theirs).
     * A 403 in Google's format otherwise.
     */
    Instant requireOwner(Principal caller, String projectId);

    /** A 403 unless the caller is a platform administrator. */
    void requirePlatformAdmin(Principal caller);

    static AuditAccess of(ProjectPermissions permissions) {
        return new AuditAccess() {
            @Override
            public Instant requireOwner(Principal caller, String projectId) {
                return permissions.require(caller, projectId, Role.OWNER).createTime();
            }

            @Override
            public void requirePlatformAdmin(Principal caller) {
                if (!permissions.isPlatformAdmin(caller)) {
                    throw ApiError.PERMISSION_DENIED.exception("Only platform administrators can read the whole audit log.");
                }
            }
        };
    }
}
