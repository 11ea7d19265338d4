package dev.tollgate.core.audit;

import dev.tollgate.core.project.ProjectIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One change, or one refused attempt at a change, as the audit log keeps it. It names things
 * (method, project, resource) and never carries what a request sent or was answered with.
 *
 * @param time      when it was answered, to the millisecond (what the log stores)
 * @param method    a stable name such as {@code projects.keys.create}
 * @param projectId the project whose owners may read this entry; empty for changes outside projects
 * @param resource  what was changed, as a resource name: {@code projects/p/keys/k}, {@code users/a@example.com}
 * @param address   the client's address, behind the trusted proxies
 */
public record AuditEntry(Instant time, AuditActor actor, String method, Optional<String> projectId, String resource,
                         String address, AuditOutcome outcome) {
    public static final int MAX_METHOD = 100;
    public static final int MAX_RESOURCE = 512;
    public static final int MAX_ADDRESS = 64;

    public AuditEntry {
        time = time.truncatedTo(ChronoUnit.MILLIS);
        actor = cleanActor(actor);
        method = AuditText.clean(method, MAX_METHOD);
        // Only a valid project id can belong to a project, and so to its owners.
        projectId = projectId.filter(ProjectIds::isValid);
        resource = AuditText.clean(resource, MAX_RESOURCE);
        address = AuditText.clean(address, MAX_ADDRESS);
    }

    private static AuditActor cleanActor(AuditActor actor) {
        if (actor instanceof AuditActor.Person p) {
            return new AuditActor.Person(AuditText.clean(p.userId(), 64), AuditText.clean(p.email(), 254));
        }
        if (actor instanceof AuditActor.ServiceAccount sa) {
            return new AuditActor.ServiceAccount(AuditText.clean(sa.uniqueId(), 64), AuditText.clean(sa.email(), 254));
        }
        return AuditActor.ANONYMOUS;
    }
}
