package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.ALICE;
import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.project;
import static dev.tollgate.store.jdbc.Samples.serviceAccount;
import static dev.tollgate.store.jdbc.Samples.serviceAccountKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.security.interfaces.RSAPublicKey;

class JdbcServiceAccountRepositoryTest extends RepositoryTest {
    private ServiceAccount robot;

    private void openWithAnAccount(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
        projects().insert(project("project-b"), ALICE);
        robot = serviceAccount("project-a", "robot-1");
        serviceAccounts().insert(robot);
    }

    @OnEachDatabase
    void accountRoundTripsEveryField(Kind kind) {
        openWithAnAccount(kind);
        var disabled = new ServiceAccount("robot-2@project-a.iam", "123456789012345678901", "project-a", "Robot \u00e9\u4e2d", true, at(2));
        serviceAccounts().insert(disabled);

        assertThat(serviceAccounts().find("robot-2@project-a.iam")).contains(disabled);
        assertThat(serviceAccounts().findByUniqueId("123456789012345678901")).contains(disabled);
        assertThat(serviceAccounts().find(robot.email())).contains(robot);
        assertThat(serviceAccounts().findByUniqueId(robot.uniqueId())).contains(robot);
    }

    @OnEachDatabase
    void findOfAnUnknownAccountIsEmpty(Kind kind) {
        openWithAnAccount(kind);
        assertThat(serviceAccounts().find("nobody@project-a.iam")).isEmpty();
        assertThat(serviceAccounts().findByUniqueId("000000000000000000000")).isEmpty();
    }

    @OnEachDatabase
    void duplicateServiceAccountEmailIsRefused(Kind kind) {
        openWithAnAccount(kind);
        var sameEmail = new ServiceAccount(robot.email(), "999999999999999999999", "project-a", "Impostor", false, at(5));

        assertThatThrownBy(() -> serviceAccounts().insert(sameEmail)).isInstanceOf(DuplicateException.class);

        assertThat(serviceAccounts().find(robot.email())).contains(robot);
        assertThat(serviceAccounts().findByUniqueId("999999999999999999999")).isEmpty();
    }

    @OnEachDatabase
    void duplicateUniqueIdIsRefused(Kind kind) {
        openWithAnAccount(kind);
        var sameId = new ServiceAccount("robot-2@project-b.iam", robot.uniqueId(), "project-b", "Impostor", false, at(5));

        assertThatThrownBy(() -> serviceAccounts().insert(sameId)).isInstanceOf(DuplicateException.class);

        assertThat(serviceAccounts().find("robot-2@project-b.iam")).isEmpty();
        assertThat(serviceAccounts().findByUniqueId(robot.uniqueId())).contains(robot);
    }

    @OnEachDatabase
    void listReturnsTheProjectsAccountsOrderedByEmail(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().insert(serviceAccount("project-a", "zeta-robot"));
        serviceAccounts().insert(serviceAccount("project-a", "alpha-robot"));
        serviceAccounts().insert(serviceAccount("project-b", "other-robot"));

        assertThat(serviceAccounts().list("project-a")).extracting(ServiceAccount::email)
                .containsExactly("alpha-robot@project-a.iam", "robot-1@project-a.iam", "zeta-robot@project-a.iam");
        assertThat(serviceAccounts().list("project-b")).extracting(ServiceAccount::email).containsExactly("other-robot@project-b.iam");
    }

    @OnEachDatabase
    void setDisabledDisablesAndEnablesAgain(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().setDisabled(robot.email(), true);
        assertThat(serviceAccounts().find(robot.email())).map(ServiceAccount::disabled).contains(true);

        serviceAccounts().setDisabled(robot.email(), false);
        assertThat(serviceAccounts().find(robot.email())).contains(robot);
    }

    @OnEachDatabase
    void deleteRemovesTheAccountAndItsKeys(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-1"));
        var other = serviceAccount("project-a", "robot-2");
        serviceAccounts().insert(other);
        serviceAccounts().insertKey(serviceAccountKey(other.email(), "key-2"));

        assertThat(serviceAccounts().delete(robot.email())).isTrue();

        assertThat(serviceAccounts().find(robot.email())).isEmpty();
        assertThat(serviceAccounts().findKey("key-1")).isEmpty();
        assertThat(serviceAccounts().listKeys(robot.email())).isEmpty();
        assertThat(serviceAccounts().findKey("key-2")).isPresent();
        assertThat(serviceAccounts().delete(robot.email())).isFalse();
    }

    @OnEachDatabase
    void keyRoundTripsTheRsaPublicKeyAndEveryField(Kind kind) {
        openWithAnAccount(kind);
        var publicKey = (RSAPublicKey) KeyMaterial.generateRsa2048().getPublic();
        var key = new ServiceAccountKey("0123456789abcdef0123456789abcdef01234567", robot.email(), publicKey,
                ServiceAccountKey.Origin.UPLOADED, true, at(3));
        serviceAccounts().insertKey(key);

        assertThat(serviceAccounts().findKey(key.keyId())).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(key);
            assertThat(found.publicKey().getModulus()).isEqualTo(publicKey.getModulus());
            assertThat(found.publicKey().getPublicExponent()).isEqualTo(publicKey.getPublicExponent());
        });
    }

    @OnEachDatabase
    void duplicateServiceAccountKeyIdIsRefused(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-1"));

        assertThatThrownBy(() -> serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-1")))
                .isInstanceOf(DuplicateException.class);
        assertThat(serviceAccounts().listKeys(robot.email())).hasSize(1);
    }

    @OnEachDatabase
    void listKeysReturnsTheAccountsKeysOldestFirstThenById(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().insertKey(keyAt("key-c", 20));
        serviceAccounts().insertKey(keyAt("key-b", 10));
        serviceAccounts().insertKey(keyAt("key-a", 20));
        var other = serviceAccount("project-a", "robot-2");
        serviceAccounts().insert(other);
        serviceAccounts().insertKey(serviceAccountKey(other.email(), "key-x"));

        assertThat(serviceAccounts().listKeys(robot.email())).extracting(ServiceAccountKey::keyId)
                .containsExactly("key-b", "key-a", "key-c");
        assertThat(serviceAccounts().listKeys(other.email())).extracting(ServiceAccountKey::keyId).containsExactly("key-x");
    }

    @OnEachDatabase
    void setKeyDisabledDisablesAndEnablesOnlyThatKey(Kind kind) {
        openWithAnAccount(kind);
        var key = serviceAccountKey(robot.email(), "key-1");
        serviceAccounts().insertKey(key);
        serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-2"));

        serviceAccounts().setKeyDisabled("key-1", true);
        assertThat(serviceAccounts().findKey("key-1")).map(ServiceAccountKey::disabled).contains(true);
        assertThat(serviceAccounts().findKey("key-2")).map(ServiceAccountKey::disabled).contains(false);

        serviceAccounts().setKeyDisabled("key-1", false);
        assertThat(serviceAccounts().findKey("key-1")).contains(key);
    }

    @OnEachDatabase
    void deleteKeyRemovesOnlyThatKey(Kind kind) {
        openWithAnAccount(kind);
        serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-1"));
        serviceAccounts().insertKey(serviceAccountKey(robot.email(), "key-2"));

        assertThat(serviceAccounts().deleteKey("key-1")).isTrue();

        assertThat(serviceAccounts().findKey("key-1")).isEmpty();
        assertThat(serviceAccounts().listKeys(robot.email())).extracting(ServiceAccountKey::keyId).containsExactly("key-2");
        assertThat(serviceAccounts().deleteKey("key-1")).isFalse();
    }

    private ServiceAccountKey keyAt(String keyId, long seconds) {
        return new ServiceAccountKey(keyId, robot.email(), Samples.rsaPublicKey(), ServiceAccountKey.Origin.GENERATED, false, at(seconds));
    }

    @OnEachDatabase
    void aDeletedServiceAccountLosesEveryRoleAndItsAddressIsNeverGivenOutAgain(Kind kind) {
        open(kind);
        projects().insert(project("home-project"), Samples.ALICE);
        projects().insert(project("other-project"), Samples.ALICE);
        var account = serviceAccount("home-project", "robot-1");
        serviceAccounts().insert(account);
        var robot = dev.tollgate.core.principal.Member.serviceAccount(account.email());
        projects().putMember("other-project", robot, dev.tollgate.core.project.Role.OWNER);
        projects().grantPlatformAdmin(robot);

        assertThat(serviceAccounts().delete(account.email())).isTrue();

        assertThat(projects().roleOf("other-project", robot)).isEmpty();
        assertThat(projects().isPlatformAdmin(robot)).isFalse();
        assertThatThrownBy(() -> serviceAccounts().insert(serviceAccount("home-project", "robot-1")))
                .isInstanceOf(dev.tollgate.core.store.DuplicateException.class);
        assertThat(serviceAccounts().find(account.email())).isEmpty();
        // Other names in the same project are still free.
        serviceAccounts().insert(serviceAccount("home-project", "robot-2"));
    }
}
