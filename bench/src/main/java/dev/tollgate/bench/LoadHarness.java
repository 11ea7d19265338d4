package dev.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.access.AccessDecision;
import dev.tollgate.core.access.Credential;
import dev.tollgate.core.access.Caller;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.Tollgate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Two Tollgate nodes on 127.0.0.1 in this JVM, each with a fresh temporary data folder, for a load
 * test of the gateway with and without its access check:
 *
 * <ul>
 *   <li><b>checked</b>: the product as {@link Tollgate#start(ServerConfig, PrintStream)} starts it;</li>
 *   <li><b>unchecked</b>: the same node, except that the harness replaces the gateway's
 *       {@link AccessDecider} with one that returns a fixed {@link Caller} without looking at any
 *       credential. This is wiring done here, not a product switch.</li>
 * </ul>
 *
 * <p>Both get the same setup through their admin API over HTTP (an admin token from the bootstrap
 * key file by a JWT-bearer exchange, a project with posts enabled, quotas raised and billing on so
 * that a load test is neither rate-limited nor stopped at the free tier, an API key), so the two
 * URLs differ only in the port, and both nodes admit, meter and forward every call the same way. It prints {@code CHECKED URL} and {@code UNCHECKED URL} for
 * {@code GET /posts/v1/people/bench@example.com/posts?key=KEY}, then serves until killed.
 *
 * <p>With the argument {@code --unaccounted}, the second node runs the product's access check but no
 * quotas, billing or metering: the comparison then shows what accounting costs a call.
 *
 * <p>With the argument {@code --control}, the second node is the product too (an A/A run): whatever
 * difference wrk then shows between the two lines is the harness's own bias and noise, not the check.
 */
public final class LoadHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PROJECT = "bench-app";
    private static final String CALL = "/posts/v1/people/bench@example.com/posts";

    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        boolean control = java.util.Arrays.asList(args).contains("--control");
        boolean unaccounted = java.util.Arrays.asList(args).contains("--unaccounted");
        Path checkedDir = Files.createTempDirectory("tollgate-checked-");
        Path uncheckedDir = Files.createTempDirectory("tollgate-unchecked-");
        // The unchecked node's caller is only known once its project exists; the decider reads it then.
        AtomicReference<Caller> fixedCaller = new AtomicReference<>();
        Function<AccessDecider, AccessDecider> withoutCheck = control || unaccounted ? Function.identity() : product -> call -> AccessDecision.allow(fixedCaller.get());

        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        Tollgate checked = Tollgate.start(loopback(checkedDir), quiet);
        Tollgate unchecked = Tollgate.start(loopback(uncheckedDir), quiet, new Tollgate.Wiring(withoutCheck, !unaccounted));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            checked.close();
            unchecked.close();
            deleteQuietly(checkedDir);
            deleteQuietly(uncheckedDir);
            stopped.countDown();
        }));

        Setup checkedSetup = setUp(checked.baseUrl(), checkedDir);
        Setup uncheckedSetup = setUp(unchecked.baseUrl(), uncheckedDir);
        fixedCaller.set(new Caller(PROJECT, uncheckedSetup.projectNumber(), new Credential.ApiKey(uncheckedSetup.keyId())));

        String checkedUrl = checked.baseUrl() + CALL + "?key=" + checkedSetup.keyString();
        String uncheckedUrl = unchecked.baseUrl() + CALL + "?key=" + uncheckedSetup.keyString();
        requireOk(checkedUrl);
        requireOk(uncheckedUrl);
        // The product refuses a wrong key; the harness's node must not, or it would not be "without the check".
        requireStatus(checked.baseUrl() + CALL + "?key=nonsense", 400);
        requireStatus(unchecked.baseUrl() + CALL + "?key=nonsense", control || unaccounted ? 400 : 200);

        System.out.println("CHECKED " + checkedUrl);
        System.out.println("UNCHECKED " + uncheckedUrl);
        System.out.flush();
        stopped.await();
    }

    private record Setup(String projectNumber, String keyId, String keyString) {}

    private static ServerConfig loopback(Path dataDir) throws ReflectiveOperationException {
        return loopback(dataDir, Optional.empty());
    }

    /** The defaults on 127.0.0.1 and a free port. ServerConfig has no withHost, so the record is copied with its host (and catalog) replaced. */
    static ServerConfig loopback(Path dataDir, Optional<Path> catalogFile) throws ReflectiveOperationException {
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPort(0);
        RecordComponent[] components = ServerConfig.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = components[i].getName();
            values[i] = name.equals("host") ? "127.0.0.1"
                    : name.equals("catalogFile") && catalogFile.isPresent() ? catalogFile : components[i].getAccessor().invoke(defaults);
        }
        return ServerConfig.class.getDeclaredConstructor(types).newInstance(values);
    }

    private static Setup setUp(String baseUrl, Path dataDir) throws Exception {
        String admin = adminToken(baseUrl, JSON.readTree(Files.readString(dataDir.resolve("admin-service-account.json"))));
        String project = "/admin/v1/projects/" + PROJECT;
        JsonNode created = call(baseUrl, admin, "POST", "/admin/v1/projects",
                "{\"projectId\":\"" + PROJECT + "\",\"displayName\":\"Benchmark\"}");
        call(baseUrl, admin, "POST", project + "/services/posts/enable", null);
        // A load test makes far more calls than the sample catalog's quotas (600 a minute) and free
        // tier (1,000 a month) allow: the project gets its own limits and billing, as an operator
        // would set them, so that every call is admitted, charged and metered like a paying one.
        call(baseUrl, admin, "PATCH", project + "/quotas", "{\"overrides\":["
                + "{\"service\":\"posts\",\"name\":\"requests-per-minute-per-project\",\"limit\":1000000000000},"
                + "{\"service\":\"posts\",\"name\":\"requests-per-day-per-project\",\"limit\":1000000000000}]}");
        call(baseUrl, admin, "PATCH", project + "/billing", "{\"enabled\":true}");
        JsonNode key = call(baseUrl, admin, "POST", project + "/keys", "{\"displayName\":\"wrk\"}");
        return new Setup(text(created, "projectNumber"), text(key, "keyId"), text(key, "keyString"));
    }

    /** What {@code tollgate print-token --scope admin} does: an RS256 assertion exchanged at /token. */
    private static String adminToken(String baseUrl, JsonNode keyFile) throws Exception {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(keyFile.get("client_email").asText())
                .audience(keyFile.get("token_uri").asText()).claim("scope", "admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyFile.get("private_key_id").asText()).build(), claims);
        jwt.sign(new RSASSASigner(privateKey(keyFile.get("private_key").asText())));
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(jwt.serialize(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token exchange at " + baseUrl + " failed: " + response.statusCode() + " " + response.body());
        }
        return text(JSON.readTree(response.body()), "access_token");
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static JsonNode call(String baseUrl, String token, String method, String path, String jsonBody) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " at " + baseUrl + " failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void requireOk(String url) throws Exception {
        requireStatus(url, 200);
    }

    private static void requireStatus(String url, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException("GET " + url.replaceAll("key=[^&]*", "key=…") + " answered "
                    + response.statusCode() + ", expected " + status + ": " + response.body());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("no " + field + " in " + node);
        }
        return value.asText();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
