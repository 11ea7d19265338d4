package dev.tollgate.core.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.ConsentScreen;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OAuthCorsTest {
    private final Clients clients = new Clients();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final OAuthCors cors = new OAuthCors(clients, new RegisteredOrigins(clients, bus));

    OAuthCorsTest() {
        clients.insert(client("spa", "https://app.example", "http://localhost:5173"));
        clients.insert(client("other", "https://other.example"));
    }

    private static OAuthClient client(String id, String... origins) {
        return new OAuthClient(id, "p", ClientType.WEB, id, List.of(), List.of(origins), Instant.EPOCH);
    }

    private static Preflight preflight(String origin, String method, String headers) {
        return Preflight.of(origin, method, headers).orElseThrow();
    }

    @Test
    void aCallNamingItsClientIsAllowedForThatClientsOriginsOnly() {
        assertThat(cors.forCall("https://app.example", Optional.of("spa")))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example").containsEntry("Vary", "Origin")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(cors.forCall("https://other.example", Optional.of("spa"))).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(cors.forCall("https://app.example", Optional.of("unknown"))).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void aCallNamingNoClientIsAllowedForAnyRegisteredOrigin() {
        assertThat(cors.forCall("https://other.example", Optional.empty())).containsEntry("Access-Control-Allow-Origin", "https://other.example");
        assertThat(cors.forCall("https://evil.example", Optional.empty())).isEqualTo(Map.of("Vary", "Origin"));
        assertThat(cors.forCall(null, Optional.empty())).isEqualTo(Map.of("Vary", "Origin"));
        assertThat(cors.forCall("null", Optional.empty())).isEqualTo(Map.of("Vary", "Origin"));
        assertThat(cors.forCall("https://app.example/", Optional.empty())).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(cors.forCall("https://app.example.evil.com", Optional.empty())).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void preflightsAnswerAnyRegisteredOriginForTheEndpointsMethods() {
        CorsAnswer answer = cors.preflight(List.of("POST"), preflight("http://localhost:5173", "POST", "content-type"));
        assertThat(answer).isInstanceOf(CorsAnswer.Allowed.class);
        assertThat(answer.headers()).containsEntry("Access-Control-Allow-Origin", "http://localhost:5173")
                .containsEntry("Access-Control-Allow-Methods", "POST").containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(cors.preflight(List.of("POST"), preflight("http://localhost:5174", "POST", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight(List.of("POST"), preflight("https://app.example", "GET", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight(List.of("POST"), preflight("https://app.example", "POST", "x-custom"))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(cors.preflight(List.of("GET", "POST"), preflight("https://app.example", "GET", "authorization")).headers())
                .containsEntry("Access-Control-Allow-Methods", "GET, POST");
    }

    @Test
    void registeredOriginsAreReadOnceUntilAClientComesOrGoes() {
        cors.forCall("https://app.example", Optional.empty());
        cors.forCall("https://other.example", Optional.empty());
        assertThat(clients.originReads.get()).isEqualTo(1);

        clients.insert(client("new", "https://new.example"));
        assertThat(cors.forCall("https://new.example", Optional.empty())).as("not yet told")
                .doesNotContainKey("Access-Control-Allow-Origin");
        bus.publish(new Invalidation.OAuthClients());
        assertThat(cors.forCall("https://new.example", Optional.empty())).containsKey("Access-Control-Allow-Origin");

        clients.delete("new");
        bus.publish(new Invalidation.AllKeys());
        assertThat(cors.preflight(List.of("POST"), preflight("https://new.example", "POST", null))).isInstanceOf(CorsAnswer.Refused.class);
        assertThat(clients.originReads.get()).isEqualTo(3);
    }

    /** The repository's rows in memory, counting how often every origin is read. */
    private static final class Clients implements OAuthClientRepository {
        final Map<String, OAuthClient> rows = new ConcurrentHashMap<>();
        final AtomicInteger originReads = new AtomicInteger();

        public void insert(OAuthClient client) { rows.put(client.clientId(), client); }
        public Optional<OAuthClient> find(String clientId) { return Optional.ofNullable(rows.get(clientId)); }
        public void update(OAuthClient client) { rows.replace(client.clientId(), client); }
        public List<OAuthClient> list(String projectId) { return List.copyOf(rows.values()); }
        public List<String> javascriptOrigins() {
            originReads.incrementAndGet();
            return rows.values().stream().flatMap(c -> c.javascriptOrigins().stream()).toList();
        }
        public boolean delete(String clientId) { return rows.remove(clientId) != null; }
        public void insertSecret(ClientSecret secret) { }
        public List<ClientSecret> secrets(String clientId) { return List.of(); }
        public boolean deleteSecret(String clientId, String secretId) { return false; }
        public Optional<ConsentScreen> consentScreen(String projectId) { return Optional.empty(); }
        public void putConsentScreen(ConsentScreen screen) { }
    }
}
