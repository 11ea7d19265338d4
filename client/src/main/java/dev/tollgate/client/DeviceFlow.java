package dev.tollgate.client;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.DeviceAuthorizationResponse;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sign-in for devices without a browser or keyboard (RFC 8628): shows the person a code and a page to
 * enter it on (another device will do), then polls the token endpoint until the person decides. Polling
 * waits the {@code interval} the server gave, and five seconds more after each {@code slow_down}.
 */
public final class DeviceFlow {
    private final URI deviceEndpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final Scopes scopes;
    private final Consumer<DeviceAuthorizationResponse> prompt;
    private final CredentialOptions options;
    private final Sleeper sleeper;

    DeviceFlow(URI deviceEndpoint, URI tokenEndpoint, String clientId, String clientSecret, Scopes scopes,
               Consumer<DeviceAuthorizationResponse> prompt, CredentialOptions options, Sleeper sleeper) {
        this.deviceEndpoint = Objects.requireNonNull(deviceEndpoint, "deviceEndpoint");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = clientSecret;
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = sleeper;
    }

    /**
     * A device flow for an installed client (its secret may be null), printing the code and the page to {@code out}.
     * The endpoints come from the server's discovery document ({@link OAuthService#metadata()}).
     */
    public static DeviceFlow of(URI deviceEndpoint, URI tokenEndpoint, String clientId, String clientSecret, Scopes scopes,
                                PrintStream out, CredentialOptions options) {
        return withPrompt(deviceEndpoint, tokenEndpoint, clientId, clientSecret, scopes, printTo(out), options);
    }

    /** A device flow that shows the code its own way (a display on the device, a QR code of {@code verification_uri_complete}). */
    public static DeviceFlow withPrompt(URI deviceEndpoint, URI tokenEndpoint, String clientId, String clientSecret, Scopes scopes,
                                        Consumer<DeviceAuthorizationResponse> prompt, CredentialOptions options) {
        return new DeviceFlow(deviceEndpoint, tokenEndpoint, clientId, clientSecret, scopes, prompt, options, Sleeper.REAL);
    }

    /** What is printed: the page and the code, and the page with the code filled in. */
    public static Consumer<DeviceAuthorizationResponse> printTo(PrintStream out) {
        return answer -> {
            out.println("To sign in, open " + answer.page() + " and enter the code " + answer.userCode());
            if (answer.verificationUriComplete() != null) {
                out.println("(or open " + answer.verificationUriComplete() + ")");
            }
            out.flush();
        };
    }

    /**
     * Runs the flow: blocks until the person approves (the credentials), denies ({@link TokenRequestException}
     * {@code access_denied}) or the code expires ({@code expired_token}).
     */
    public UserCredentials authorize() throws IOException {
        DeviceAuthorizationResponse started = start();
        prompt.accept(started);
        return poll(started);
    }

    private DeviceAuthorizationResponse start() throws IOException {
        var form = new LinkedHashMap<String, List<String>>();
        if (!scopes.isEmpty()) {
            form.put("scope", List.of(scopes.toString()));
        }
        client().writeTo(form);
        HttpResponse<String> response = TokenEndpointClient.post(options.httpClient(), deviceEndpoint, form);
        if (response.statusCode() != 200) {
            throw TokenEndpointClient.refusal(response);
        }
        DeviceAuthorizationResponse answer = Json.read(response.body(), DeviceAuthorizationResponse.class);
        if (answer.deviceCode() == null || answer.userCode() == null || answer.page() == null) {
            throw new IOException("The device authorization answer lacks device_code, user_code or verification_uri.");
        }
        return answer;
    }

    private UserCredentials poll(DeviceAuthorizationResponse started) throws IOException {
        Instant deadline = options.clock().instant().plusSeconds(started.expiresIn() > 0 ? started.expiresIn() : 1800);
        // RFC 8628 §3.5: 5 seconds when the server names no interval.
        Duration interval = Duration.ofSeconds(started.interval() > 0 ? started.interval() : 5);
        var request = new TokenRequest.DeviceCode(client(), started.deviceCode());
        while (true) {
            sleeper.sleep(interval);
            try {
                TokenResponse tokens = TokenEndpointClient.token(options.httpClient(), tokenEndpoint, request.toForm());
                return UserCredentials.fromSignIn(clientId, clientSecret, tokenEndpoint, tokens, options);
            } catch (TokenRequestException e) {
                if ("slow_down".equals(e.error())) {
                    interval = interval.plusSeconds(5);
                } else if (!"authorization_pending".equals(e.error())) {
                    throw e;
                }
            }
            if (!options.clock().instant().isBefore(deadline)) {
                throw new TokenRequestException(400, "expired_token", "The person did not decide before the code expired.");
            }
        }
    }

    private ClientAuth client() {
        return clientSecret == null ? new ClientAuth.None(clientId) : new ClientAuth.SecretPost(clientId, clientSecret);
    }
}
