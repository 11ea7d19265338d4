package dev.tollgate.core.project;

import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface ProjectRepository {
    /** @throws dev.tollgate.core.store.DuplicateException if the id or number is taken */
    void insert(Project project, Member owner);

    Optional<Project> find(String projectId);

    List<Project> list();

    List<Project> listForMember(Member member);

    boolean delete(String projectId);

    Set<String> enabledServices(String projectId);

    void setServiceEnabled(String projectId, String service, boolean enabled);

    List<ProjectMember> members(String projectId);

    Optional<Role> roleOf(String projectId, Member member);

    void putMember(String projectId, Member member, Role role);

    boolean isPlatformAdmin(Member member);

    void grantPlatformAdmin(Member member);
}
