package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.audit.AuditActor;
import dev.tollgate.core.audit.AuditCursor;
import dev.tollgate.core.audit.AuditEntry;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.audit.AuditQuery;
import dev.tollgate.core.audit.AuditRecord;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class JdbcAuditLogTest extends RepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

    private JdbcAuditLog log() {
        return new JdbcAuditLog(db());
    }

    private static AuditEntry entry(long secondsAfterT0, String project, String method) {
        return new AuditEntry(T0.plusSeconds(secondsAfterT0), new AuditActor.ServiceAccount("1234", "bot@" + project + ".iam"),
                method, Optional.ofNullable(project), "projects/" + project + "/keys/k1", "203.0.113.7", AuditOutcome.ok(200));
    }

    private static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE, Optional.empty(), limit);
    }

    @OnEachDatabase
    void everyFieldOfEachActorKindRoundTrips(Kind kind) {
        open(kind);
        var person = new AuditEntry(T0, new AuditActor.Person("u-1", "alice@example.com"), "accounts.signIn", Optional.empty(),
                "users/alice@example.com", "2001:db8::7", AuditOutcome.ok(303));
        var account = new AuditEntry(T0.plusMillis(1), new AuditActor.ServiceAccount("1099", "bot@proj-one.iam"), "projects.keys.create",
                Optional.of("proj-one"), "projects/proj-one/keys/k9", "203.0.113.7",
                new AuditOutcome(403, "PERMISSION_DENIED", Optional.of("IAM_PERMISSION_DENIED")));
        var nobody = new AuditEntry(T0.plusMillis(2), AuditActor.ANONYMOUS, "accounts.signIn", Optional.empty(), "users",
                "198.51.100.1", AuditOutcome.refused(403));
        log().append(person);
        log().append(account);
        log().append(nobody);

        assertThat(log().read(all(10))).extracting(AuditRecord::entry).containsExactly(person, account, nobody);
    }

    @OnEachDatabase
    void readsInTimeOrderThenInSequenceWhateverTheOrderOfWriting(Kind kind) {
        open(kind);
        log().append(entry(5, "proj-one", "late"));
        log().append(entry(1, "proj-one", "early"));
        log().append(entry(1, "proj-one", "early-second"));
        log().append(entry(3, "proj-one", "middle"));

        assertThat(log().read(all(10))).extracting(r -> r.entry().method()).containsExactly("early", "early-second", "middle", "late");
    }

    @OnEachDatabase
    void selectsOneProjectAndATimeRangeWithStartInAndEndOut(Kind kind) {
        open(kind);
        log().append(entry(0, "proj-one", "a"));
        log().append(entry(10, "proj-two", "b"));
        log().append(entry(10, "proj-one", "c"));
        log().append(entry(20, "proj-one", "d"));
        log().append(entry(10, null, "e"));

        var query = new AuditQuery(Optional.of("proj-one"), T0.plusSeconds(10).toEpochMilli(), T0.plusSeconds(20).toEpochMilli(),
                Optional.empty(), 10);
        assertThat(log().read(query)).extracting(r -> r.entry().method()).containsExactly("c");
        assertThat(log().read(new AuditQuery(Optional.of("proj-two"), Long.MIN_VALUE, Long.MAX_VALUE, Optional.empty(), 10)))
                .extracting(r -> r.entry().method()).containsExactly("b");
    }

    @OnEachDatabase
    void pagesAfterACursorCoverEveryEntryOnceEvenWithinOneMillisecond(Kind kind) {
        open(kind);
        for (int i = 0; i < 7; i++) {
            log().append(entry(i / 3, "proj-one", "m" + i));
        }
        List<String> seen = new ArrayList<>();
        Optional<AuditCursor> after = Optional.empty();
        for (int pages = 0; pages < 10; pages++) {
            List<AuditRecord> page = log().read(new AuditQuery(Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE, after, 2));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(r -> seen.add(r.entry().method()));
            after = Optional.of(page.get(page.size() - 1).cursor());
        }
        assertThat(seen).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
    }

    @OnEachDatabase
    void entriesSurviveReopeningAndKeepTheirSequence(Kind kind) {
        open(kind);
        log().append(entry(0, "proj-one", "a"));
        List<AuditRecord> before = log().read(all(10));
        reopen();
        log().append(entry(1, "proj-one", "b"));
        List<AuditRecord> after = log().read(all(10));
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1).sequence()).isGreaterThan(after.get(0).sequence());
    }
}
