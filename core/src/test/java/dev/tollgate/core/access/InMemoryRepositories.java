package dev.tollgate.core.access;

import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyRepository;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.InMemoryRevocations;
import dev.tollgate.core.token.RevokedAccessTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain in-memory repositories that count their reads, to show what the hot path asks of storage. */
public final class InMemoryRepositories {
    public final AtomicInteger reads = new AtomicInteger();
    public final Map<String, ApiKey> keysByHash = new HashMap<>();
    public final Map<String, Project> projects = new HashMap<>();
    public final Map<String, Set<String>> enabled = new HashMap<>();

    public final ApiKeyRepository keys = new ApiKeyRepository() {
        public void insert(ApiKey key) { keysByHash.put(key.keyHash(), key); }
        public Optional<ApiKey> findByHash(String hash) { reads.incrementAndGet(); return Optional.ofNullable(keysByHash.get(hash)); }
        public Optional<ApiKey> find(String projectId, String keyId) {
            return keysByHash.values().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
        }
        public List<ApiKey> list(String projectId) { return new ArrayList<>(keysByHash.values()); }
        public void update(ApiKey key) { keysByHash.put(key.keyHash(), key); }
        public boolean delete(String projectId, String keyId) { return keysByHash.values().removeIf(k -> k.keyId().equals(keyId)); }
    };

    /** Access tokens are sealed with this; revocations are kept in {@link #revocations}. */
    public final AccessTokenSeal seal = AccessTokenSeal.derivedFrom(MasterKey.generate());
    public final InMemoryRevocations revocations = new InMemoryRevocations();

    /** How the gateway reads tokens sealed with {@link #seal}, with revocations heard on {@code bus}. */
    public BearerAuthenticator bearer(InvalidationBus bus, Clock clock) {
        return new BearerAuthenticator(seal, new RevokedAccessTokens(revocations, bus, clock, Duration.ofHours(1)), clock);
    }

    public final ProjectRepository projectRepository = new ProjectRepository() {
        public void insert(Project project, Member owner) { projects.put(project.projectId(), project); }
        public Optional<Project> find(String id) { reads.incrementAndGet(); return Optional.ofNullable(projects.get(id)); }
        public boolean wasDeleted(String id) { return false; }
        public List<Project> list() { return new ArrayList<>(projects.values()); }
        public List<Project> listForMember(Member member) { return list(); }
        public boolean delete(String id) { return projects.remove(id) != null; }
        public Set<String> enabledServices(String id) { reads.incrementAndGet(); return new HashSet<>(enabled.getOrDefault(id, Set.of())); }
        public void setServiceEnabled(String id, String service, boolean on) {
            Set<String> s = enabled.computeIfAbsent(id, x -> new HashSet<>());
            if (on) { s.add(service); } else { s.remove(service); }
        }
        public List<ProjectMember> members(String id) { return List.of(); }
        public Optional<Role> roleOf(String id, Member member) { return Optional.of(Role.OWNER); }
        public void putMember(String id, Member member, Role role) { }
        public boolean removeMember(String id, Member member) { return false; }
        public boolean isPlatformAdmin(Member member) { return false; }
        public void grantPlatformAdmin(Member member) { }
    };
}
