package dev.tollgate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.http.Json;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminMethodsTest {
    private static final String SA = "/admin/v1/projects/{p}/serviceAccounts/{sa}";

    private static JsonNode answer(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aCreateNamesWhatItMadeFromTheAnswerAndNeverAnythingElseOfIt() {
        var change = AdminMethods.change(HandlerType.POST, "/admin/v1/projects/{p}/keys", Map.of("p", "my-project"),
                answer("{\"keyId\":\"k-123\",\"keyString\":\"tgk_secret\",\"displayName\":\"x\"}"));
        assertThat(change).isEqualTo(new AdminMethods.Change("projects.keys.create", Optional.of("my-project"), "projects/my-project/keys/k-123"));
    }

    @Test
    void aFailedCreateNamesTheCollection() {
        var change = AdminMethods.change(HandlerType.POST, "/admin/v1/projects/{p}/oauthClients", Map.of("p", "my-project"), null);
        assertThat(change.resource()).isEqualTo("projects/my-project/oauthClients");
        assertThat(change.method()).isEqualTo("projects.oauthClients.create");
    }

    @Test
    void projectCreateTakesItsProjectFromTheAnswer() {
        var made = AdminMethods.change(HandlerType.POST, "/admin/v1/projects", Map.of(), answer("{\"projectId\":\"new-project\"}"));
        assertThat(made).isEqualTo(new AdminMethods.Change("projects.create", Optional.of("new-project"), "projects/new-project"));
        var refused = AdminMethods.change(HandlerType.POST, "/admin/v1/projects", Map.of(), null);
        assertThat(refused).isEqualTo(new AdminMethods.Change("projects.create", Optional.empty(), "projects"));
    }

    @Test
    void customMethodsAreNamedByTheirVerbAndTheResourceLeavesTheVerbOut() {
        var disable = AdminMethods.change(HandlerType.POST, SA, Map.of("p", "my-project", "sa", "bot@my-project.iam:disable"), null);
        assertThat(disable).isEqualTo(new AdminMethods.Change("projects.serviceAccounts.disable", Optional.of("my-project"),
                "projects/my-project/serviceAccounts/bot@my-project.iam"));
        var enableKey = AdminMethods.change(HandlerType.POST, SA + "/keys/{key}", Map.of("p", "my-project", "sa", "bot@my-project.iam", "key", "k1:enable"), null);
        assertThat(enableKey.method()).isEqualTo("projects.serviceAccounts.keys.enable");
        assertThat(enableKey.resource()).isEqualTo("projects/my-project/serviceAccounts/bot@my-project.iam/keys/k1");
        for (String odd : new String[] {"bot@my-project.iam", "bot:", "bot:dis able", "bot:explode", "bot:Disable", "bot:" + "x".repeat(100)}) {
            assertThat(AdminMethods.change(HandlerType.POST, SA, Map.of("p", "my-project", "sa", odd), null).method())
                    .as(odd).isEqualTo("projects.serviceAccounts.unknown");
        }
    }

    @Test
    void aRouteWithoutANameIsStillLoggedUnderItsPath() {
        var change = AdminMethods.change(HandlerType.PUT, "/admin/v1/projects/{p}/gadgets/{g}", Map.of("p", "my-project", "g", "g1"), null);
        assertThat(change.method()).isEqualTo("admin.PUT /admin/v1/projects/{p}/gadgets/{g}");
        assertThat(change.projectId()).contains("my-project");
        assertThat(AdminMethods.find(HandlerType.PUT, "/admin/v1/projects/{p}/gadgets/{g}")).isEmpty();
    }

    @Test
    void membersAreNamedByTheMemberTheAnswerGives() {
        var change = AdminMethods.change(HandlerType.POST, "/admin/v1/projects/{p}/members", Map.of("p", "my-project"),
                answer("{\"member\":\"user:bob@example.com\",\"role\":\"editor\"}"));
        assertThat(change.resource()).isEqualTo("projects/my-project/members/user:bob@example.com");
    }
}
