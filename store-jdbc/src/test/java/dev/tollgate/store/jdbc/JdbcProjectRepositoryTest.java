package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.ALICE;
import static dev.tollgate.store.jdbc.Samples.BOB;
import static dev.tollgate.store.jdbc.Samples.apiKey;
import static dev.tollgate.store.jdbc.Samples.project;
import static dev.tollgate.store.jdbc.Samples.serviceAccount;
import static dev.tollgate.store.jdbc.Samples.serviceAccountKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

class JdbcProjectRepositoryTest extends RepositoryTest {
    /** Rounds of {@link #atOnce}: each races several threads on one fresh row. */
    private static final int ROUNDS = 40;
    private static final String RACE =
            "Bug in JdbcProjectRepository: it checks for (or deletes) the row and then inserts it, so two identical requests at once "
            + "both insert and the loser fails with a raw primary-key violation (SQLState 23505; the server answers 500)";

    @OnEachDatabase
    void insertedProjectRoundTripsEveryField(Kind kind) {
        open(kind);
        var project = new Project("my-project-1", "123456789012", "My project \u00e9\u4e2d", Instant.parse("2026-01-02T03:04:05.678Z"));
        projects().insert(project, ALICE);

        assertThat(projects().find("my-project-1")).contains(project);
    }

    @OnEachDatabase
    void findOfAnUnknownProjectIsEmpty(Kind kind) {
        open(kind);
        assertThat(projects().find("no-such-project")).isEmpty();
    }

    @OnEachDatabase
    void insertMakesTheCreatorTheOwner(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        assertThat(projects().members("my-project-1")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
        assertThat(projects().roleOf("my-project-1", ALICE)).contains(Role.OWNER);
    }

    @OnEachDatabase
    void duplicateProjectIdIsRefusedAndKeepsTheFirstProject(Kind kind) {
        open(kind);
        var first = project("my-project-1");
        projects().insert(first, ALICE);

        assertThatThrownBy(() -> projects().insert(project("my-project-1"), BOB)).isInstanceOf(DuplicateException.class);

        assertThat(projects().find("my-project-1")).contains(first);
        assertThat(projects().members("my-project-1")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
        assertThat(projects().listForMember(BOB)).isEmpty();
    }

    @OnEachDatabase
    void duplicateProjectNumberIsRefused(Kind kind) {
        open(kind);
        projects().insert(new Project("my-project-1", "111111111111", "One", Samples.T0), ALICE);

        assertThatThrownBy(() -> projects().insert(new Project("my-project-2", "111111111111", "Two", Samples.T0), ALICE))
                .isInstanceOf(DuplicateException.class);
        assertThat(projects().find("my-project-2")).isEmpty();
        assertThat(projects().listForMember(ALICE)).extracting(Project::projectId).containsExactly("my-project-1");
    }

    @OnEachDatabase
    void listReturnsAllProjectsOrderedById(Kind kind) {
        open(kind);
        projects().insert(project("project-c"), ALICE);
        projects().insert(project("project-a"), BOB);
        projects().insert(project("project-b"), ALICE);

        assertThat(projects().list()).extracting(Project::projectId).containsExactly("project-a", "project-b", "project-c");
    }

    @OnEachDatabase
    void listForMemberReturnsOnlyTheMembersProjectsOrderedById(Kind kind) {
        open(kind);
        projects().insert(project("project-c"), ALICE);
        projects().insert(project("project-b"), BOB);
        projects().insert(project("project-a"), ALICE);
        projects().putMember("project-b", ALICE, Role.VIEWER);
        projects().insert(project("project-d"), BOB);

        assertThat(projects().listForMember(ALICE)).extracting(Project::projectId)
                .containsExactly("project-a", "project-b", "project-c");
        assertThat(projects().listForMember(BOB)).extracting(Project::projectId).containsExactly("project-b", "project-d");
        assertThat(projects().listForMember(Member.user("carol@example.com"))).isEmpty();
    }

    @OnEachDatabase
    void listForMemberTellsUsersFromServiceAccountsWithTheSameEmail(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), Member.user("robot@example.com"));
        projects().insert(project("project-b"), Member.serviceAccount("robot@example.com"));

        assertThat(projects().listForMember(Member.user("robot@example.com"))).extracting(Project::projectId).containsExactly("project-a");
        assertThat(projects().listForMember(Member.serviceAccount("robot@example.com"))).extracting(Project::projectId)
                .containsExactly("project-b");
    }

    @OnEachDatabase
    void putMemberAddsAMember(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        var robot = Member.serviceAccount("robot@my-project-1.iam");

        projects().putMember("my-project-1", BOB, Role.EDITOR);
        projects().putMember("my-project-1", robot, Role.VIEWER);

        assertThat(projects().members("my-project-1")).containsExactly(
                new ProjectMember(robot, Role.VIEWER), new ProjectMember(ALICE, Role.OWNER), new ProjectMember(BOB, Role.EDITOR));
        assertThat(projects().roleOf("my-project-1", BOB)).contains(Role.EDITOR);
    }

    @OnEachDatabase
    void removeMemberTakesOnlyThatMembersRoleInThatProject(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        projects().insert(project("project-b"), ALICE);
        projects().putMember("my-project-1", BOB, Role.EDITOR);
        projects().putMember("project-b", BOB, Role.VIEWER);

        assertThat(projects().removeMember("my-project-1", BOB)).isTrue();
        assertThat(projects().removeMember("my-project-1", BOB)).as("no role left to take").isFalse();
        assertThat(projects().roleOf("my-project-1", BOB)).isEmpty();
        assertThat(projects().roleOf("project-b", BOB)).contains(Role.VIEWER);
        assertThat(projects().roleOf("my-project-1", ALICE)).contains(Role.OWNER);
    }

    @OnEachDatabase
    void putMemberUpdatesTheRoleOfAnExistingMemberInPlace(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        projects().putMember("my-project-1", BOB, Role.VIEWER);

        projects().putMember("my-project-1", BOB, Role.OWNER);
        projects().putMember("my-project-1", ALICE, Role.VIEWER);

        assertThat(projects().members("my-project-1"))
                .containsExactly(new ProjectMember(ALICE, Role.VIEWER), new ProjectMember(BOB, Role.OWNER));
    }

    @OnEachDatabase
    void membershipIsPerProject(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
        projects().insert(project("project-b"), ALICE);

        projects().putMember("project-a", BOB, Role.EDITOR);

        assertThat(projects().roleOf("project-a", BOB)).contains(Role.EDITOR);
        assertThat(projects().roleOf("project-b", BOB)).isEmpty();
        assertThat(projects().members("project-b")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
    }

    @OnEachDatabase
    void enabledServicesStartEmptyAndArePerProject(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
        projects().insert(project("project-b"), ALICE);
        assertThat(projects().enabledServices("project-a")).isEmpty();

        projects().setServiceEnabled("project-a", "posts", true);
        projects().setServiceEnabled("project-a", "calendar", true);

        assertThat(projects().enabledServices("project-a")).containsExactlyInAnyOrder("posts", "calendar");
        assertThat(projects().enabledServices("project-b")).isEmpty();
    }

    @OnEachDatabase
    void setServiceEnabledIsIdempotent(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        projects().setServiceEnabled("my-project-1", "posts", true);
        projects().setServiceEnabled("my-project-1", "posts", true);
        assertThat(projects().enabledServices("my-project-1")).containsExactly("posts");

        projects().setServiceEnabled("my-project-1", "posts", false);
        projects().setServiceEnabled("my-project-1", "posts", false);
        projects().setServiceEnabled("my-project-1", "calendar", false);
        assertThat(projects().enabledServices("my-project-1")).isEmpty();
    }

    @OnEachDatabase
    void deleteProjectRemovesItsKeys(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        apiKeys().insert(apiKey("my-project-1", "key-1"));
        assertThat(projects().delete("my-project-1")).isTrue();

        assertThat(projects().find("my-project-1")).isEmpty();
        assertThat(apiKeys().find("my-project-1", "key-1")).isEmpty();
        assertThat(apiKeys().findByHash(apiKey("my-project-1", "key-1").keyHash())).isEmpty();
    }

    @OnEachDatabase
    void deleteProjectRemovesItsServiceAccountsAndTheirKeys(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        var account = serviceAccount("my-project-1", "robot-1");
        serviceAccounts().insert(account);
        serviceAccounts().insertKey(serviceAccountKey(account.email(), "sakey-1"));

        projects().delete("my-project-1");

        assertThat(serviceAccounts().find(account.email())).isEmpty();
        assertThat(serviceAccounts().findByUniqueId(account.uniqueId())).isEmpty();
        assertThat(serviceAccounts().findKey("sakey-1")).isEmpty();
        assertThat(serviceAccounts().listKeys(account.email())).isEmpty();
    }

    @OnEachDatabase
    void deleteProjectRemovesItsMembersAndEnabledServices(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        projects().putMember("my-project-1", BOB, Role.EDITOR);
        projects().setServiceEnabled("my-project-1", "posts", true);

        projects().delete("my-project-1");

        assertThat(projects().members("my-project-1")).isEmpty();
        assertThat(projects().roleOf("my-project-1", ALICE)).isEmpty();
        assertThat(projects().listForMember(BOB)).isEmpty();
        assertThat(projects().enabledServices("my-project-1")).isEmpty();
    }

    @OnEachDatabase
    void aDeletedProjectIdIsNeverGivenOutAgain(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        assertThat(projects().wasDeleted("my-project-1")).isFalse();
        projects().delete("my-project-1");

        assertThat(projects().wasDeleted("my-project-1")).isTrue();
        assertThatThrownBy(() -> projects().insert(project("my-project-1"), BOB)).isInstanceOf(DuplicateException.class);
        reopen();
        assertThatThrownBy(() -> projects().insert(project("my-project-1"), BOB)).isInstanceOf(DuplicateException.class);
        assertThat(projects().find("my-project-1")).isEmpty();
        assertThat(projects().listForMember(BOB)).isEmpty();
        assertThat(projects().wasDeleted("never-created")).isFalse();
    }

    @OnEachDatabase
    void deletingAProjectRemovesItsServiceAccountsRolesEverywhereAndReservesTheirAddresses(Kind kind) {
        open(kind);
        projects().insert(project("home-project"), ALICE);
        projects().insert(project("other-project"), ALICE);
        var account = serviceAccount("home-project", "robot-1");
        serviceAccounts().insert(account);
        Member robot = Member.serviceAccount(account.email());
        projects().putMember("other-project", robot, Role.EDITOR);
        projects().grantPlatformAdmin(robot);

        assertThat(projects().delete("home-project")).isTrue();

        assertThat(projects().roleOf("other-project", robot)).isEmpty();
        assertThat(projects().listForMember(robot)).isEmpty();
        assertThat(projects().isPlatformAdmin(robot)).isFalse();
        assertThat(projects().members("other-project")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
        assertThatThrownBy(() -> serviceAccounts().insert(serviceAccount("home-project", "robot-1"))).isInstanceOf(DuplicateException.class);
    }

    @OnEachDatabase
    void aSecondDeleteOfTheSameProjectFindsNothing(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);
        assertThat(projects().delete("my-project-1")).isTrue();
        assertThat(projects().delete("my-project-1")).isFalse();
        assertThat(projects().wasDeleted("my-project-1")).isTrue();
    }

    @OnEachDatabase
    void deleteProjectLeavesOtherProjectsAlone(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
        projects().insert(project("project-b"), ALICE);
        projects().setServiceEnabled("project-b", "posts", true);
        apiKeys().insert(apiKey("project-b", "key-b"));
        var account = serviceAccount("project-b", "robot-b");
        serviceAccounts().insert(account);
        serviceAccounts().insertKey(serviceAccountKey(account.email(), "sakey-b"));

        projects().delete("project-a");

        assertThat(projects().list()).extracting(Project::projectId).containsExactly("project-b");
        assertThat(projects().members("project-b")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
        assertThat(projects().enabledServices("project-b")).containsExactly("posts");
        assertThat(apiKeys().find("project-b", "key-b")).isPresent();
        assertThat(serviceAccounts().find(account.email())).contains(account);
        assertThat(serviceAccounts().findKey("sakey-b")).isPresent();
    }

    @OnEachDatabase
    void deleteOfAnUnknownProjectReturnsFalse(Kind kind) {
        open(kind);
        assertThat(projects().delete("no-such-project")).isFalse();
    }

    @OnEachDatabase
    void nobodyIsAPlatformAdminUntilGranted(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        assertThat(projects().isPlatformAdmin(ALICE)).isFalse();

        projects().grantPlatformAdmin(ALICE);

        assertThat(projects().isPlatformAdmin(ALICE)).isTrue();
        assertThat(projects().isPlatformAdmin(BOB)).isFalse();
        assertThat(projects().isPlatformAdmin(Member.serviceAccount(ALICE.email()))).isFalse();
    }

    @OnEachDatabase
    void grantingPlatformAdminTwiceIsHarmless(Kind kind) {
        open(kind);
        projects().grantPlatformAdmin(ALICE);
        projects().grantPlatformAdmin(ALICE);

        assertThat(projects().isPlatformAdmin(ALICE)).isTrue();
    }

    @OnEachDatabase
    void enablingAServiceFromTwoRequestsAtOnceSucceeds(Kind kind) throws Exception {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        atOnce(round -> projects().setServiceEnabled("my-project-1", "service-" + round, true));

        assertThat(projects().enabledServices("my-project-1")).hasSize(ROUNDS);
    }

    @OnEachDatabase
    void puttingTheSameMemberFromTwoRequestsAtOnceSucceeds(Kind kind) throws Exception {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        atOnce(round -> projects().putMember("my-project-1", Member.user("user" + round + "@example.com"), Role.EDITOR));

        assertThat(projects().members("my-project-1")).hasSize(ROUNDS + 1);
    }

    @OnEachDatabase
    void grantingPlatformAdminFromTwoRequestsAtOnceSucceeds(Kind kind) throws Exception {
        open(kind);

        atOnce(round -> projects().grantPlatformAdmin(Member.user("user" + round + "@example.com")));

        assertThat(projects().isPlatformAdmin(Member.user("user0@example.com"))).isTrue();
    }

    /** Runs {@code write} for each round from several threads released together. */
    private static void atOnce(IntConsumer write) throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                var start = new CyclicBarrier(threads);
                var writes = new ArrayList<Future<?>>();
                int r = round;
                for (int i = 0; i < threads; i++) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        write.accept(r);
                        return null;
                    }));
                }
                for (var w : writes) {
                    w.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
