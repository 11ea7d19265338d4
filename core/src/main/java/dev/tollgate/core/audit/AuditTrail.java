package dev.tollgate.core.audit;

import dev.tollgate.core.principal.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the audit log as changes are answered, and reads it for the people allowed to. */
public final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** Anonymous entries one address may cause per minute, and all addresses together. */
    public static final int ANONYMOUS_PER_ADDRESS_PER_MINUTE = 60;
    public static final int ANONYMOUS_PER_MINUTE = 1000;

    private final AuditLog log;
    private final AuditAccess access;
    private final Clock clock;
    private final AnonymousEntryLimit anonymous;

    public AuditTrail(AuditLog log, AuditAccess access, Clock clock) {
        this(log, access, clock, new AnonymousEntryLimit(ANONYMOUS_PER_ADDRESS_PER_MINUTE, ANONYMOUS_PER_MINUTE, clock));
    }

    AuditTrail(AuditLog log, AuditAccess access, Clock clock, AnonymousEntryLimit anonymous) {
        this.log = log;
        this.access = access;
        this.clock = clock;
        this.anonymous = anonymous;
    }

    /**
     * Appends one entry, stamped now. Never throws: by the time it is called the change is done,
     * and a log that cannot be written must not turn it into an error for its caller. Anonymous
     * entries past {@link #ANONYMOUS_PER_ADDRESS_PER_MINUTE} or {@link #ANONYMOUS_PER_MINUTE} are
     * held back, and their number reported in the server log.
     */
    public void record(AuditActor actor, String method, Optional<String> projectId, String resource, String address, AuditOutcome outcome) {
        if (actor instanceof AuditActor.Anonymous) {
            AnonymousEntryLimit.Admission admission = anonymous.admit(address);
            if (admission.heldBackBefore() > 0) {
                LOG.warn("The audit log held back {} entries of anonymous callers in the last minute (over its limits)", admission.heldBackBefore());
            }
            if (!admission.admitted()) {
                return;
            }
        }
        try {
            log.append(new AuditEntry(clock.instant(), actor, method, projectId, resource, address, outcome));
        } catch (RuntimeException e) {
            LOG.error("The audit log could not record {} on {} by {} ({}): {}", method, resource, actor.kind(), outcome.status(), e.toString(), e);
        }
    }

    /** A project's log, for its owners (and platform administrators). */
    public AuditPage projectLog(Principal caller, String projectId, AuditRange range) {
        Instant created = access.requireOwner(caller, projectId);
        long start = Math.max(range.start().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE), created.toEpochMilli());
        return read(Optional.of(projectId), start, range, "project:" + projectId);
    }

    /** The whole log, or one project's part of it, for platform administrators. */
    public AuditPage platformLog(Principal caller, Optional<String> projectId, AuditRange range) {
        access.requirePlatformAdmin(caller);
        return read(projectId, range.start().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE), range,
                "all:" + projectId.orElse(""));
    }

    private AuditPage read(Optional<String> projectId, long start, AuditRange range, String scope) {
        long end = range.end().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        String query = scope + "|" + range.start().map(Instant::toEpochMilli).orElse(null) + "|" + range.end().map(Instant::toEpochMilli).orElse(null);
        Optional<AuditCursor> after = range.pageToken().map(t -> AuditPageToken.decode(t, query));
        List<AuditRecord> found = log.read(new AuditQuery(projectId, start, end, after, range.pageSize() + 1));
        if (found.size() <= range.pageSize()) {
            return new AuditPage(found, Optional.empty());
        }
        List<AuditRecord> page = new ArrayList<>(found.subList(0, range.pageSize()));
        return new AuditPage(page, Optional.of(AuditPageToken.encode(page.get(page.size() - 1).cursor(), query)));
    }
}
