package dev.tollgate.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.principal.VerifiedAddresses;
import dev.tollgate.protocol.ApiException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Roles granted to {@code user:EMAIL} apply only to the verified owner of the address. */
class ProjectPermissionsVerificationTest {
    static final Project PROJECT = new Project("proj-1", "123456789012", "P", Instant.EPOCH);
    static final Principal BOB = new Principal.Person("11", "bob@example.com");
    static final Principal SQUATTER = new Principal.Person("22", "bob@example.com");
    static final Principal ADMIN = new Principal.Person("33", "admin@example.com");
    static final Principal ROBOT = new Principal.ServiceAccount("robot@proj-1.iam.gserviceaccount.com", "44", "proj-1");

    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final VerifiedAddresses addresses = (userId, email) -> verified.contains(userId + " " + email);
    private final ProjectPermissions permissions = new ProjectPermissions(repository(), addresses);

    /** bob@example.com and the robot are owners of p-1; admin@example.com is a platform administrator. */
    private static ProjectRepository repository() {
        return (ProjectRepository) Proxy.newProxyInstance(ProjectPermissionsVerificationTest.class.getClassLoader(),
                new Class<?>[] {ProjectRepository.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isPlatformAdmin" -> args[0].equals(ADMIN.member());
                    case "roleOf" -> args[1].equals(BOB.member()) || args[1].equals(ROBOT.member()) ? Optional.of(Role.OWNER) : Optional.empty();
                    case "find" -> Optional.of(PROJECT);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anUnverifiedPersonHoldsNoRoleGrantedToTheirAddress() {
        assertThatThrownBy(() -> permissions.require(BOB, "proj-1", Role.VIEWER)).isInstanceOf(ApiException.class);
        verified.add("11 bob@example.com");
        assertThat(permissions.require(BOB, "proj-1", Role.OWNER)).isEqualTo(PROJECT);
    }

    @Test
    void anotherAccountClaimingTheSameAddressHoldsNothing() {
        verified.add("11 bob@example.com");
        assertThatThrownBy(() -> permissions.require(SQUATTER, "proj-1", Role.VIEWER)).isInstanceOf(ApiException.class);
    }

    @Test
    void anUnverifiedPlatformAdministratorIsNone() {
        assertThat(permissions.isPlatformAdmin(ADMIN)).isFalse();
        assertThatThrownBy(() -> permissions.require(ADMIN, "proj-1", Role.VIEWER)).isInstanceOf(ApiException.class);
        verified.add("33 admin@example.com");
        assertThat(permissions.isPlatformAdmin(ADMIN)).isTrue();
    }

    @Test
    void serviceAccountsNeedNoMailedLink() {
        assertThat(permissions.require(ROBOT, "proj-1", Role.OWNER)).isEqualTo(PROJECT);
    }
}
