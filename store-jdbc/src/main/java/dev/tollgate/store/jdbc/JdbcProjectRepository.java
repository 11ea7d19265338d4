package dev.tollgate.store.jdbc;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

public final class JdbcProjectRepository implements ProjectRepository {
    private final Jdbi jdbi;

    public JdbcProjectRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(Project project, Member owner) {
        Database.unique("project " + project.projectId(), () -> jdbi.inTransaction(h -> {
            DeletedIds.requireNeverDeleted(h, DeletedIds.PROJECT, project.projectId(), "project " + project.projectId());
            h.createUpdate("INSERT INTO projects (project_id, project_number, display_name, create_time_ms) VALUES (?, ?, ?, ?)")
                    .bind(0, project.projectId()).bind(1, project.projectNumber()).bind(2, project.displayName())
                    .bind(3, project.createTime().toEpochMilli()).execute();
            h.createUpdate("INSERT INTO project_members (project_id, member, role) VALUES (?, ?, ?)")
                    .bind(0, project.projectId()).bind(1, owner.toString()).bind(2, Role.OWNER.name()).execute();
            return null;
        }));
    }

    @Override
    public Optional<Project> find(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE project_id = ?").bind(0, projectId)
                .map((rs, ctx) -> project(rs)).findOne());
    }

    @Override
    public List<Project> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects ORDER BY project_id").map((rs, ctx) -> project(rs)).list());
    }

    @Override
    public List<Project> listForMember(Member member) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT p.* FROM projects p JOIN project_members m ON m.project_id = p.project_id WHERE m.member = ? ORDER BY p.project_id")
                .bind(0, member.toString()).map((rs, ctx) -> project(rs)).list());
    }

    @Override
    public boolean wasDeleted(String projectId) {
        return jdbi.withHandle(h -> DeletedIds.contains(h, DeletedIds.PROJECT, projectId));
    }

    @Override
    public boolean delete(String projectId) {
        return jdbi.inTransaction(h -> {
            List<String> accounts = h.createQuery("SELECT email FROM service_accounts WHERE project_id = ?")
                    .bind(0, projectId).mapTo(String.class).list();
            // The row lock taken here makes a second, concurrent delete find nothing and reserve nothing.
            if (h.createUpdate("DELETE FROM projects WHERE project_id = ?").bind(0, projectId).execute() == 0) {
                return false;
            }
            long now = System.currentTimeMillis();
            DeletedIds.reserve(h, DeletedIds.PROJECT, projectId, now);
            for (String email : accounts) {
                DeletedIds.reserve(h, DeletedIds.SERVICE_ACCOUNT, email, now);
                // Its own project's rows went with the project; its roles elsewhere go now.
                String member = Member.serviceAccount(email).toString();
                h.createUpdate("DELETE FROM project_members WHERE member = ?").bind(0, member).execute();
                h.createUpdate("DELETE FROM platform_admins WHERE member = ?").bind(0, member).execute();
            }
            return true;
        });
    }

    @Override
    public Set<String> enabledServices(String projectId) {
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT service FROM project_services WHERE project_id = ?")
                .bind(0, projectId).mapTo(String.class).list()));
    }

    @Override
    public void setServiceEnabled(String projectId, String service, boolean enabled) {
        if (!enabled) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM project_services WHERE project_id = ? AND service = ?")
                    .bind(0, projectId).bind(1, service).execute());
            return;
        }
        // Enabling twice at once is not an error: whoever inserts second finds the row there.
        Database.ignoringDuplicate(() -> jdbi.useHandle(h -> {
            boolean present = h.createQuery("SELECT COUNT(*) FROM project_services WHERE project_id = ? AND service = ?")
                    .bind(0, projectId).bind(1, service).mapTo(Integer.class).one() > 0;
            if (!present) {
                h.createUpdate("INSERT INTO project_services (project_id, service) VALUES (?, ?)").bind(0, projectId).bind(1, service).execute();
            }
        }));
    }

    @Override
    public boolean removeMember(String projectId, Member member) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM project_members WHERE project_id = ? AND member = ?")
                .bind(0, projectId).bind(1, member.toString()).execute()) > 0;
    }

    @Override
    public List<ProjectMember> members(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT member, role FROM project_members WHERE project_id = ? ORDER BY member")
                .bind(0, projectId)
                .map((rs, ctx) -> new ProjectMember(Member.parse(rs.getString("member")), Role.valueOf(rs.getString("role")))).list());
    }

    @Override
    public Optional<Role> roleOf(String projectId, Member member) {
        return jdbi.withHandle(h -> h.createQuery("SELECT role FROM project_members WHERE project_id = ? AND member = ?")
                .bind(0, projectId).bind(1, member.toString()).mapTo(String.class).findOne().map(Role::valueOf));
    }

    @Override
    public void putMember(String projectId, Member member, Role role) {
        Database.upsert(jdbi, "the role of " + member + " in " + projectId, h -> h.createUpdate("UPDATE project_members SET role = ? WHERE project_id = ? AND member = ?")
                        .bind(0, role.name()).bind(1, projectId).bind(2, member.toString()).execute(),
                h -> h.createUpdate("INSERT INTO project_members (project_id, member, role) VALUES (?, ?, ?)")
                            .bind(0, projectId).bind(1, member.toString()).bind(2, role.name()).execute());
    }

    @Override
    public boolean isPlatformAdmin(Member member) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM platform_admins WHERE member = ?")
                .bind(0, member.toString()).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void grantPlatformAdmin(Member member) {
        if (!isPlatformAdmin(member)) {
            Database.ignoringDuplicate(() -> jdbi.useHandle(h ->
                    h.createUpdate("INSERT INTO platform_admins (member) VALUES (?)").bind(0, member.toString()).execute()));
        }
    }

    private static Project project(ResultSet rs) throws SQLException {
        return new Project(rs.getString("project_id"), rs.getString("project_number"), rs.getString("display_name"),
                Instant.ofEpochMilli(rs.getLong("create_time_ms")));
    }
}
