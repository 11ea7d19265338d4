package dev.tollgate.core.access;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyRepository;
import dev.tollgate.core.project.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenRepository;
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
    public final Map<String, AccessToken> tokens = new HashMap<>();
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

    public final AccessTokenRepository tokenRepository = new AccessTokenRepository() {
        public void insert(AccessToken token) { tokens.put(token.tokenHash(), token); }
        public Optional<AccessToken> findByHash(String hash) { reads.incrementAndGet(); return Optional.ofNullable(tokens.get(hash)); }
        public boolean revoke(String hash) {
            AccessToken t = tokens.get(hash);
            if (t == null) {
                return false;
            }
            tokens.put(hash, new AccessToken(t.tokenHash(), t.subjectKind(), t.subjectId(), t.email(), t.clientId(), t.projectId(),
                    t.scopes(), t.issueTime(), t.expireTime(), true));
            return true;
        }
        public int revokeAllOf(String subjectId) { return 0; }
        public List<String> revokeBySource(String source) { return List.of(); }
        public List<String> revokeForSubjectAndClient(String subjectId, String clientId) { return List.of(); }
        public List<String> revokeForClient(String clientId) { return List.of(); }
        public List<String> revokeForUser(String userId) { return List.of(); }
    };

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
