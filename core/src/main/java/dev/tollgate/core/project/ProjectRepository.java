package dev.tollgate.core.project;

import dev.tollgate.core.principal.Member;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface ProjectRepository {
    /** @throws dev.tollgate.core.store.DuplicateException if the id or number is taken, or the id was ever deleted */
    void insert(Project project, Member owner);

    /** Whether a project of this id existed and was deleted: its id is never given out again. */
    boolean wasDeleted(String projectId);

    Optional<Project> find(String projectId);

    List<Project> list();

    List<Project> listForMember(Member member);

    /**
     * Deletes the project, its service accounts and every role they held in any project or on the
     * platform, and reserves the project id and the accounts' addresses for good, at once.
     */
    boolean delete(String projectId);

    Set<String> enabledServices(String projectId);

    void setServiceEnabled(String projectId, String service, boolean enabled);

    List<ProjectMember> members(String projectId);

    Optional<Role> roleOf(String projectId, Member member);

    void putMember(String projectId, Member member, Role role);

    /** Takes the member's role in the project away; false when it had none. */
    boolean removeMember(String projectId, Member member);

    boolean isPlatformAdmin(Member member);

    void grantPlatformAdmin(Member member);
}
