package dev.tollgate.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.ClientAuthenticator;
import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.ConsentScreen;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import dev.tollgate.core.oauth.RedirectUris;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.protocol.ClientAuth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CliClientTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T04:00:00.123456Z"), ZoneOffset.UTC);

    /** Clients by id, the id unique as the table's primary key makes it; {@code staleReads} hides rows from find, as a node that looked before another inserted. */
    private static final class Clients implements OAuthClientRepository {
        final Map<String, OAuthClient> rows = new ConcurrentHashMap<>();
        final List<String> inserts = new ArrayList<>();
        boolean staleReads;

        public void insert(OAuthClient client) {
            inserts.add(client.clientId());
            if (rows.putIfAbsent(client.clientId(), client) != null) {
                throw new DuplicateException("client " + client.clientId());
            }
        }
        public Optional<OAuthClient> find(String clientId) { return staleReads ? Optional.empty() : Optional.ofNullable(rows.get(clientId)); }
        public List<OAuthClient> list(String projectId) { return rows.values().stream().filter(c -> c.projectId().equals(projectId)).toList(); }
        public void update(OAuthClient client) { rows.replace(client.clientId(), client); }
        public boolean delete(String clientId) { return rows.remove(clientId) != null; }
        public List<String> javascriptOrigins() { return rows.values().stream().flatMap(c -> c.javascriptOrigins().stream()).toList(); }
        public void insertSecret(ClientSecret secret) { throw new AssertionError("the CLI client is public and has no secret"); }
        public List<ClientSecret> secrets(String clientId) { return List.of(); }
        public boolean deleteSecret(String clientId, String secretId) { return false; }
        public Optional<ConsentScreen> consentScreen(String projectId) { return Optional.empty(); }
        public void putConsentScreen(ConsentScreen screen) { }
    }

    @Test
    void createsAPublicInstalledClientWithTheWellKnownIdInThePlatformProject() throws Exception {
        var clients = new Clients();
        assertThat(new CliClient(clients, CLOCK).ensure()).isTrue();

        OAuthClient client = clients.rows.get("tollgate-cli.apps.tollgate");
        assertThat(client.projectId()).isEqualTo(FirstStart.PLATFORM_PROJECT);
        assertThat(client.type()).isEqualTo(ClientType.INSTALLED);
        assertThat(client.displayName()).isEqualTo("Tollgate CLI");
        assertThat(client.createTime()).isEqualTo(Instant.parse("2026-12-01T04:00:00.123Z"));
        assertThat(new ClientAuthenticator(clients).authenticate(new ClientAuth.None(CliClient.CLIENT_ID))).isEqualTo(client);
        assertThat(RedirectUris.matches(client, "http://127.0.0.1:53682/")).isTrue();
        assertThat(RedirectUris.matches(client, "http://localhost:8085/callback")).isTrue();
        assertThat(RedirectUris.matches(client, "https://evil.example/callback")).isFalse();
    }

    @Test
    void anExistingClientIsLeftAsItIs() {
        var clients = new Clients();
        var renamed = new OAuthClient(CliClient.CLIENT_ID, FirstStart.PLATFORM_PROJECT, ClientType.INSTALLED, "Renamed by an admin",
                List.of(), List.of(), Instant.EPOCH);
        clients.rows.put(CliClient.CLIENT_ID, renamed);

        assertThat(new CliClient(clients, CLOCK).ensure()).isFalse();
        assertThat(clients.inserts).isEmpty();
        assertThat(clients.rows).containsExactly(Map.entry(CliClient.CLIENT_ID, renamed));
    }

    @Test
    void aNodeThatLosesTheRaceToAnotherNodeFindsNoErrorAndNoSecondClient() {
        var clients = new Clients();
        assertThat(new CliClient(clients, CLOCK).ensure()).isTrue();
        clients.staleReads = true;

        assertThat(new CliClient(clients, CLOCK).ensure()).isFalse();
        assertThat(clients.inserts).hasSize(2);
        assertThat(clients.list(FirstStart.PLATFORM_PROJECT)).hasSize(1);
    }
}
