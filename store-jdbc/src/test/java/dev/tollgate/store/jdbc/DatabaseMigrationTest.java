package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.ALICE;
import static dev.tollgate.store.jdbc.Samples.apiKey;
import static dev.tollgate.store.jdbc.Samples.project;
import static dev.tollgate.store.jdbc.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.Role;
import dev.tollgate.store.jdbc.TestDatabases.Kind;

class DatabaseMigrationTest extends RepositoryTest {

    @OnEachDatabase
    void reopeningAnExistingDatabaseKeepsItsData(Kind kind) {
        open(kind);
        var project = project("my-project-1");
        projects().insert(project, ALICE);
        var key = apiKey("my-project-1", "key-1");
        apiKeys().insert(key);
        var user = user("alice@example.com");
        users().insert(user);

        reopen();
        reopen();

        assertThat(projects().find("my-project-1")).contains(project);
        assertThat(projects().members("my-project-1")).containsExactly(new ProjectMember(ALICE, Role.OWNER));
        assertThat(apiKeys().findByHash(key.keyHash())).contains(key);
        assertThat(users().findByEmail("alice@example.com")).contains(user);
    }

    @OnEachDatabase
    void reopeningAppliesEachMigrationOnlyOnce(Kind kind) {
        open(kind);
        reopen();

        int applied = db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\" = TRUE")
                .mapTo(Integer.class).one());
        assertThat(applied).isEqualTo(1);
    }

    @OnEachDatabase
    void aReopenedDatabaseStillEnforcesItsConstraints(Kind kind) {
        open(kind);
        projects().insert(project("my-project-1"), ALICE);

        reopen();

        apiKeys().insert(apiKey("my-project-1", "key-1"));
        projects().delete("my-project-1");
        assertThat(apiKeys().find("my-project-1", "key-1")).isEmpty();
    }
}
