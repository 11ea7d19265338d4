package dev.tollgate.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A project's members may cap its quotas; only a platform administrator raises them above the catalog's. */
class QuotaOverridePermissionsTest {
    private static final String PROJECT = "capped-project";
    private static final String QUOTA = "requests-per-minute-per-project";
    private static final Principal ADMIN = new Principal.ServiceAccount("admin@tollgate.iam", "1", "tollgate");
    private static final Principal OWNER = new Principal.Person("u1", "owner@example.com");
    private static final Principal EDITOR = new Principal.Person("u2", "editor@example.com");
    private static final Principal VIEWER = new Principal.Person("u3", "viewer@example.com");
    private static final Principal STRANGER = new Principal.Person("u4", "stranger@example.com");

    private final Map<String, Long> stored = new HashMap<>();
    private final QuotaOverrides overrides = new QuotaOverrides() {
        public Map<String, Long> of(String projectId) { return new HashMap<>(stored); }
        public void put(String projectId, String service, String name, long limit) { stored.put(ProjectQuotas.key(service, name), limit); }
        public void remove(String projectId, String service, String name) { stored.remove(ProjectQuotas.key(service, name)); }
    };
    private final Map<Member, Role> roles = Map.of(OWNER.member(), Role.OWNER, EDITOR.member(), Role.EDITOR, VIEWER.member(), Role.VIEWER);
    private final ProjectRepository projects = new ProjectRepository() {
        public void insert(Project project, Member owner) { }
        public Optional<Project> find(String id) { return Optional.of(new Project(PROJECT, "123456789012", "Capped", Instant.EPOCH)); }
        public List<Project> list() { return List.of(); }
        public List<Project> listForMember(Member member) { return List.of(); }
        public boolean delete(String id) { return false; }
        public Set<String> enabledServices(String id) { return new HashSet<>(); }
        public void setServiceEnabled(String id, String service, boolean on) { }
        public List<ProjectMember> members(String id) { return List.of(); }
        public Optional<Role> roleOf(String id, Member member) { return Optional.ofNullable(roles.get(member)); }
        public void putMember(String id, Member member, Role role) { }
        public boolean removeMember(String id, Member member) { return false; }
        public boolean isPlatformAdmin(Member member) { return member.equals(ADMIN.member()); }
        public void grantPlatformAdmin(Member member) { }
        public boolean wasDeleted(String id) { return false; }
    };
    private final InvalidationBus bus = new InvalidationBus() {
        public void publish(Invalidation invalidation) { }
        public void subscribe(Consumer<Invalidation> listener) { }
    };
    private final QuotaService quotas = new QuotaService(overrides, new ProjectPermissions(projects), CatalogLoader.builtIn(), bus);
    private final long catalogLimit = quotas.limits(ADMIN, PROJECT).stream()
            .filter(l -> l.service().equals("posts") && l.name().equals(QUOTA)).findFirst().orElseThrow().defaultLimit();

    private List<QuotaService.Limit> set(Principal who, OptionalLong limit) {
        return quotas.setOverrides(who, PROJECT, List.of(new QuotaService.Override("posts", QUOTA, limit)));
    }

    private long effective() {
        return quotas.limits(ADMIN, PROJECT).stream().filter(l -> l.service().equals("posts") && l.name().equals(QUOTA))
                .findFirst().orElseThrow().effectiveLimit();
    }

    private void assertDenied(Runnable change) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ApiError.PERMISSION_DENIED));
    }

    @Test
    void editorsAndOwnersMayLowerAndRemoveTheirCap() {
        for (Principal who : List.of(EDITOR, OWNER)) {
            set(who, OptionalLong.of(catalogLimit - 1));
            assertThat(effective()).isEqualTo(catalogLimit - 1);
            set(who, OptionalLong.of(0));
            assertThat(effective()).isZero();
            set(who, OptionalLong.of(catalogLimit));
            assertThat(effective()).isEqualTo(catalogLimit);
            set(who, OptionalLong.empty());
            assertThat(effective()).isEqualTo(catalogLimit);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 1000, QuotaService.MAX_LIMIT})
    void onlyAPlatformAdministratorRaisesAboveTheCatalog(long above) {
        for (Principal who : List.of(EDITOR, OWNER)) {
            assertDenied(() -> set(who, OptionalLong.of(catalogLimit + Math.min(above, QuotaService.MAX_LIMIT - catalogLimit))));
        }
        assertThat(stored).isEmpty();
        set(ADMIN, OptionalLong.of(catalogLimit + 1));
        assertThat(effective()).isEqualTo(catalogLimit + 1);
    }

    @Test
    void aRaiseMixedIntoLowersIsRefusedAsAWholeAndChangesNothing() {
        var changes = List.of(new QuotaService.Override("posts", "requests-per-day-per-project", OptionalLong.of(1)),
                new QuotaService.Override("posts", QUOTA, OptionalLong.of(catalogLimit + 1)));
        assertDenied(() -> quotas.setOverrides(EDITOR, PROJECT, changes));
        assertThat(stored).isEmpty();
    }

    @Test
    void editorsMayRemoveAnAdministratorsRaiseButNotMoveItHigherOrKeepItAbove() {
        set(ADMIN, OptionalLong.of(catalogLimit * 10));
        assertDenied(() -> set(EDITOR, OptionalLong.of(catalogLimit * 20)));
        assertDenied(() -> set(EDITOR, OptionalLong.of(catalogLimit * 5)));
        set(EDITOR, OptionalLong.empty());
        assertThat(effective()).isEqualTo(catalogLimit);
    }

    @Test
    void viewersAndStrangersChangeNothingAtAll() {
        for (Principal who : List.of(VIEWER, STRANGER)) {
            assertDenied(() -> set(who, OptionalLong.of(1)));
            assertDenied(() -> set(who, OptionalLong.empty()));
            assertDenied(() -> set(who, OptionalLong.of(catalogLimit + 1)));
        }
        assertThat(stored).isEmpty();
    }

    @Test
    void theRequestIsReadOnlyOnceTheCallerMayChangeQuotas() {
        java.util.function.Supplier<List<QuotaService.Override>> malformed = () -> {
            throw ApiError.INVALID_ARGUMENT.exception("malformed body");
        };
        for (Principal who : List.of(VIEWER, STRANGER)) {
            assertDenied(() -> quotas.setOverrides(who, PROJECT, malformed));
        }
        assertThatThrownBy(() -> quotas.setOverrides(EDITOR, PROJECT, malformed)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }
}
