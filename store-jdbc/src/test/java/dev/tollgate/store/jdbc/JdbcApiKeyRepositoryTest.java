package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.ALICE;
import static dev.tollgate.store.jdbc.Samples.apiKey;
import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.everyRestriction;
import static dev.tollgate.store.jdbc.Samples.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;

class JdbcApiKeyRepositoryTest extends RepositoryTest {

    private void openWithTwoProjects(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
        projects().insert(project("project-b"), ALICE);
    }

    @OnEachDatabase
    void keyRoundTripsEveryFieldIncludingEveryRestriction(Kind kind) {
        openWithTwoProjects(kind);
        var key = new ApiKey("key-1", "project-a", "Browser key \u00e9\u4e2d", everyRestriction(), at(1), Secrets.hash("secret-1"));
        apiKeys().insert(key);

        assertThat(apiKeys().find("project-a", "key-1")).contains(key);
        assertThat(apiKeys().findByHash(key.keyHash())).contains(key);
    }

    @OnEachDatabase
    void keyWithTheLargestRestrictionsTheAdminApiAcceptsRoundTrips(Kind kind) {
        openWithTwoProjects(kind);
        var targets = new ArrayList<KeyRestrictions.ApiTarget>();
        for (int t = 0; t < 100; t++) {
            var methods = new ArrayList<String>();
            for (int m = 0; m < 100; m++) {
                methods.add("service%03d.resources.method%03d".formatted(t, m));
            }
            targets.add(new KeyRestrictions.ApiTarget("service%03d".formatted(t), methods));
        }
        var restrictions = new KeyRestrictions(targets, null, null, null, null).validate();
        var key = new ApiKey("key-1", "project-a", "Big", restrictions, at(0), Secrets.hash("secret-1"));

        apiKeys().insert(key);

        assertThat(apiKeys().find("project-a", "key-1")).contains(key);
    }

    @OnEachDatabase
    void keyWithoutRestrictionsRoundTrips(Kind kind) {
        openWithTwoProjects(kind);
        var key = apiKey("project-a", "key-1");
        apiKeys().insert(key);

        assertThat(apiKeys().find("project-a", "key-1")).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(key);
            assertThat(found.restrictions()).isEqualTo(KeyRestrictions.NONE);
        });
    }

    @OnEachDatabase
    void findLooksOnlyInTheGivenProject(Kind kind) {
        openWithTwoProjects(kind);
        apiKeys().insert(apiKey("project-a", "key-1"));

        assertThat(apiKeys().find("project-b", "key-1")).isEmpty();
        assertThat(apiKeys().find("project-a", "key-2")).isEmpty();
        assertThat(apiKeys().findByHash(Secrets.hash("some other secret"))).isEmpty();
    }

    @OnEachDatabase
    void duplicateKeyHashIsRefused(Kind kind) {
        openWithTwoProjects(kind);
        var first = apiKey("project-a", "key-1");
        apiKeys().insert(first);
        var sameSecret = new ApiKey("key-2", "project-b", "Other", KeyRestrictions.NONE, at(5), first.keyHash());

        assertThatThrownBy(() -> apiKeys().insert(sameSecret)).isInstanceOf(DuplicateException.class);

        assertThat(apiKeys().findByHash(first.keyHash())).contains(first);
        assertThat(apiKeys().list("project-b")).isEmpty();
    }

    @OnEachDatabase
    void duplicateKeyIdIsRefused(Kind kind) {
        openWithTwoProjects(kind);
        apiKeys().insert(apiKey("project-a", "key-1"));
        var sameId = new ApiKey("key-1", "project-b", "Other", KeyRestrictions.NONE, at(5), Secrets.hash("another secret"));

        assertThatThrownBy(() -> apiKeys().insert(sameId)).isInstanceOf(DuplicateException.class);
        assertThat(apiKeys().list("project-b")).isEmpty();
    }

    @OnEachDatabase
    void listReturnsTheProjectsKeysOldestFirstThenById(Kind kind) {
        openWithTwoProjects(kind);
        apiKeys().insert(keyAt("project-a", "key-c", 30));
        apiKeys().insert(keyAt("project-a", "key-b", 10));
        apiKeys().insert(keyAt("project-b", "key-x", 20));
        apiKeys().insert(keyAt("project-a", "key-a", 30));

        assertThat(apiKeys().list("project-a")).extracting(ApiKey::keyId).containsExactly("key-b", "key-a", "key-c");
        assertThat(apiKeys().list("project-b")).extracting(ApiKey::keyId).containsExactly("key-x");
        assertThat(apiKeys().list("no-such-project")).isEmpty();
    }

    @OnEachDatabase
    void updateChangesOnlyTheNameAndRestrictions(Kind kind) {
        openWithTwoProjects(kind);
        var key = apiKey("project-a", "key-1");
        apiKeys().insert(key);
        var restricted = new KeyRestrictions(List.of(new KeyRestrictions.ApiTarget("posts", List.of())), List.of("10.0.0.1"),
                null, null, null);

        apiKeys().update(key.with("Renamed", restricted));

        var expected = new ApiKey(key.keyId(), key.projectId(), "Renamed", restricted, key.createTime(), key.keyHash());
        assertThat(apiKeys().find("project-a", "key-1")).contains(expected);
        assertThat(apiKeys().findByHash(key.keyHash())).contains(expected);
    }

    @OnEachDatabase
    void updateCanClearRestrictions(Kind kind) {
        openWithTwoProjects(kind);
        var key = new ApiKey("key-1", "project-a", "Key", everyRestriction(), at(0), Secrets.hash("secret-1"));
        apiKeys().insert(key);

        apiKeys().update(key.with("Key", KeyRestrictions.NONE));

        assertThat(apiKeys().find("project-a", "key-1")).map(ApiKey::restrictions).contains(KeyRestrictions.NONE);
    }

    @OnEachDatabase
    void deleteRemovesTheKeySoItsSecretNoLongerResolves(Kind kind) {
        openWithTwoProjects(kind);
        var key = apiKey("project-a", "key-1");
        apiKeys().insert(key);
        apiKeys().insert(apiKey("project-a", "key-2"));

        assertThat(apiKeys().delete("project-a", "key-1")).isTrue();

        assertThat(apiKeys().findByHash(key.keyHash())).isEmpty();
        assertThat(apiKeys().list("project-a")).extracting(ApiKey::keyId).containsExactly("key-2");
        assertThat(apiKeys().delete("project-a", "key-1")).isFalse();
    }

    @OnEachDatabase
    void deleteOfAnotherProjectsKeyDoesNothing(Kind kind) {
        openWithTwoProjects(kind);
        apiKeys().insert(apiKey("project-a", "key-1"));

        assertThat(apiKeys().delete("project-b", "key-1")).isFalse();

        assertThat(apiKeys().find("project-a", "key-1")).isPresent();
    }

    private static ApiKey keyAt(String projectId, String keyId, long seconds) {
        return new ApiKey(keyId, projectId, "Key " + keyId, KeyRestrictions.NONE, at(seconds), Secrets.hash(projectId + keyId));
    }
}
