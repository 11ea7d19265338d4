package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.ClientSecretFile;
import dev.tollgate.protocol.Pkce;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sign-in for a desktop or command-line program (RFC 8252): listens on {@code 127.0.0.1} on a port the
 * system picks, sends the person to the authorization page with PKCE (S256) and a random {@code state},
 * receives the code on the loopback address, shows a page saying the window may be closed, and exchanges
 * the code for tokens. The system browser is opened when there is one; otherwise the address is printed
 * for the person to open. Gives up after a time-out so a forgotten prompt does not hang the program. Given the
 * server's metadata ({@link #withIssuer}), it checks the answer's {@code iss} (RFC 9207) and refuses one from
 * another issuer with an {@link IssuerMismatchException}.
 */
public final class InstalledAppFlow {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientSecretFile.Details client;
    private final Scopes scopes;
    private final Duration timeout;
    private final PrintStream out;
    private final Consumer<URI> browser;
    private final CredentialOptions options;
    private final Optional<ProviderMetadata> metadata;

    private InstalledAppFlow(ClientSecretFile.Details client, Scopes scopes, Duration timeout, PrintStream out,
                             Consumer<URI> browser, CredentialOptions options, Optional<ProviderMetadata> metadata) {
        this.client = client;
        this.scopes = scopes;
        this.timeout = timeout;
        this.out = out;
        this.browser = browser;
        this.options = options;
        this.metadata = metadata;
    }

    /** A flow for the client in a {@code client_secret.json} file as the console gives it for an installed client. */
    public static InstalledAppFlow fromClientSecrets(Path clientSecretJson, Scopes scopes) throws CredentialsException {
        JsonNode node = CredentialFiles.read(clientSecretJson);
        ClientSecretFile file = CredentialFiles.as(node, ClientSecretFile.class, clientSecretJson);
        ClientSecretFile.Details details = file.details();
        if (details == null) {
            throw new CredentialsException("The file " + clientSecretJson + " holds neither \"installed\" nor \"web\" client details.");
        }
        CredentialFiles.require(details.clientId(), "client_id", clientSecretJson);
        CredentialFiles.require(details.authUri(), "auth_uri", clientSecretJson);
        CredentialFiles.require(details.tokenUri(), "token_uri", clientSecretJson);
        return of(details, scopes);
    }

    /** A flow for these client details, printing to standard output, with a time-out of five minutes. */
    public static InstalledAppFlow of(ClientSecretFile.Details client, Scopes scopes) {
        return new InstalledAppFlow(Objects.requireNonNull(client, "client"), Objects.requireNonNull(scopes, "scopes"),
                Duration.ofMinutes(5), System.out, null, CredentialOptions.defaults(), Optional.empty());
    }

    /** How long to wait for the person. */
    public InstalledAppFlow withTimeout(Duration t) {
        return new InstalledAppFlow(client, scopes, t, out, browser, options, metadata);
    }

    /** Where the address and progress are printed. */
    public InstalledAppFlow withOutput(PrintStream o) {
        return new InstalledAppFlow(client, scopes, timeout, o, browser, options, metadata);
    }

    /** What opens the authorization page instead of the system browser (an embedded view, a test's browser). */
    public InstalledAppFlow withBrowser(Consumer<URI> b) {
        return new InstalledAppFlow(client, scopes, timeout, out, b, options, metadata);
    }

    /** The options of the credentials obtained. */
    public InstalledAppFlow withOptions(CredentialOptions o) {
        return new InstalledAppFlow(client, scopes, timeout, out, browser, o, metadata);
    }

    /**
     * The authorization server's metadata (its discovery document): when it says
     * {@code authorization_response_iss_parameter_supported}, the answer must carry {@code iss} equal to its
     * {@code issuer}; when it does not, an {@code iss} the answer carries must still be that issuer.
     */
    public InstalledAppFlow withIssuer(ProviderMetadata metadata) {
        Objects.requireNonNull(metadata.issuer(), "metadata.issuer");
        return new InstalledAppFlow(client, scopes, timeout, out, browser, options, Optional.of(metadata));
    }

    /**
     * Runs the flow: the credentials once the person allows; a {@link TokenRequestException} with the
     * server's error if the person denies; an {@link IssuerMismatchException} when the answer names another
     * issuer than the one given to {@link #withIssuer}; an {@link IOException} on time-out.
     */
    public UserCredentials authorize() throws IOException {
        String verifier = random(48);
        String state = random(24);
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> receive(exchange, state, this.metadata, callback));
        server.start();
        try {
            String redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            URI authorization = authorizationUri(redirectUri, state, Pkce.s256(verifier));
            open(authorization);
            Map<String, String> params = await(callback);
            if (params.containsKey("error")) {
                throw new TokenRequestException(400, params.get("error"), params.get("error_description"));
            }
            var request = new TokenRequest.AuthorizationCode(clientAuth(), params.get("code"), redirectUri, Optional.of(verifier));
            URI tokenUri = URI.create(client.tokenUri());
            TokenResponse tokens = TokenEndpointClient.token(options.httpClient(), tokenUri, request.toForm());
            return UserCredentials.fromSignIn(client.clientId(), client.clientSecret(), tokenUri, tokens, options);
        } finally {
            // Up to a second for the closing page still on its way to the browser.
            server.stop(1);
        }
    }

    private URI authorizationUri(String redirectUri, String state, String challenge) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", redirectUri);
        params.put("scope", scopes.toString());
        params.put("state", state);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        params.put("access_type", "offline");
        var query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(client.authUri() + (client.authUri().contains("?") ? "&" : "?") + query);
    }

    private void open(URI authorization) {
        if (browser != null) {
            browser.accept(authorization);
            return;
        }
        if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            try {
                Desktop.getDesktop().browse(authorization);
                out.println("Your browser has been opened to sign in. If it has not, open this address:");
                out.println(authorization);
                out.flush();
                return;
            } catch (IOException | RuntimeException noBrowser) {
                // Fall through to printing the address.
            }
        }
        out.println("Open this address in a browser to sign in:");
        out.println(authorization);
        out.flush();
    }

    private static void receive(HttpExchange exchange, String state, Optional<ProviderMetadata> issuer,
                                CompletableFuture<Map<String, String>> callback) throws IOException {
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        String page;
        int status;
        boolean answer = false;
        IssuerMismatchException mismatch = null;
        if (!"GET".equals(exchange.getRequestMethod()) || (!params.containsKey("code") && !params.containsKey("error"))) {
            // A favicon or a stray visit: not the answer, keep waiting.
            status = 404;
            page = page("Nothing here", "This address only receives the answer of a sign-in.");
        } else if (!state.equals(params.get("state"))) {
            // Not the answer to our request (another tab, or a forged redirect): ignored, keep waiting.
            status = 400;
            page = page("Sign-in not recognised", "This answer does not belong to the sign-in the program started. Go back to the program and try again.");
        } else if ((mismatch = issuerMismatch(issuer, params)) != null) {
            // The answer to our request, but from another issuer: the sign-in ends, its code unused.
            status = 400;
            page = page("Sign-in refused", "This answer comes from another server than the one the program signs in with. "
                    + "The program did not use it. Go back to the program.");
        } else if (params.containsKey("error")) {
            status = 200;
            page = page("Access not granted", "The program was not given access (" + escape(params.get("error")) + "). You may close this window.");
            answer = true;
        } else {
            status = 200;
            page = page("Signed in", "You are signed in and the program has been given access. You may close this window.");
            answer = true;
        }
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (var stream = exchange.getResponseBody()) {
            stream.write(body);
        } finally {
            // Only once the page is written: the program stops this server as soon as it has the answer.
            if (answer) {
                callback.complete(params);
            } else if (mismatch != null) {
                callback.completeExceptionally(mismatch);
            }
        }
    }

    /** RFC 9207 §2.4: null when the answer's {@code iss} is acceptable. */
    private static IssuerMismatchException issuerMismatch(Optional<ProviderMetadata> issuer, Map<String, String> params) {
        if (issuer.isEmpty()) {
            return null;
        }
        String expected = issuer.get().issuer();
        Optional<String> received = Optional.ofNullable(params.get("iss"));
        boolean required = Boolean.TRUE.equals(issuer.get().authorizationResponseIssParameterSupported());
        if (received.isEmpty() ? required : !received.get().equals(expected)) {
            return new IssuerMismatchException(expected, received);
        }
        return null;
    }

    private Map<String, String> await(CompletableFuture<Map<String, String>> callback) throws IOException {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("No answer from the browser within " + timeout.toSeconds() + " seconds; sign-in abandoned.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the browser");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException refused) {
                throw refused;
            }
            throw new IOException(e.getCause());
        }
    }

    private ClientAuth clientAuth() {
        return client.clientSecret() == null ? new ClientAuth.None(client.clientId()) : new ClientAuth.SecretPost(client.clientId(), client.clientSecret());
    }

    private static Map<String, String> query(String raw) {
        var params = new HashMap<String, String>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String page(String title, String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;color:#202124}</style></head>"
                + "<body><h1>" + title + "</h1><p>" + text + "</p></body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
