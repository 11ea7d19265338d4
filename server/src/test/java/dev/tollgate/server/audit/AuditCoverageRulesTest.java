package dev.tollgate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a change the audit log must know, route by route. */
class AuditCoverageRulesTest {
    @Test
    void anAdminChangeWithoutANameIsFlaggedAndOneWithANameIsNot() {
        assertThat(AuditCoverage.unaudited(List.of("POST /admin/v1/projects/{p}/keys", "PUT /admin/v1/projects/{p}/gadgets/{g}",
                "DELETE /admin/v1/users/{u}", "PATCH /admin/v1/projects/{p}/keys/{k}")))
                .containsExactly("PUT /admin/v1/projects/{p}/gadgets/{g}", "DELETE /admin/v1/users/{u}");
    }

    @Test
    void aNewPagePostIsFlaggedUntilItIsAnActionOrKnownToChangeNothing() {
        assertThat(AuditCoverage.unaudited(List.of("POST /account/photo", "POST /signin", "POST /revoke", "POST /token", "DELETE /account")))
                .containsExactly("POST /account/photo", "DELETE /account");
    }

    @Test
    void readsAndTheGatewayAreNotChanges() {
        assertThat(AuditCoverage.unaudited(List.of("GET /admin/v1/projects", "GET /account", "POST /posts/v1/<rest>",
                "DELETE /calendar/v3/<rest>", "BEFORE /admin/*", "AFTER /signin"))).isEmpty();
    }
}
