package dev.tollgate.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the token endpoint can be asked, and nothing else. */
public sealed interface TokenRequest {

    String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    String CLIENT_CREDENTIALS = "client_credentials";
    String AUTHORIZATION_CODE = "authorization_code";
    String REFRESH_TOKEN = "refresh_token";
    String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

    /** The client authentication the request carried, if any. */
    default ClientAuth clientAuth() {
        return new ClientAuth.Absent();
    }

    /** RFC 6749 §4.1.3 with RFC 7636 §4.5. */
    record AuthorizationCode(ClientAuth client, String code, String redirectUri, Optional<String> codeVerifier) implements TokenRequest {
        public ClientAuth clientAuth() { return client; }

        public Map<String, List<String>> toForm() {
            var form = new LinkedHashMap<String, List<String>>();
            form.put("grant_type", List.of(AUTHORIZATION_CODE));
            form.put("code", List.of(code));
            form.put("redirect_uri", List.of(redirectUri));
            codeVerifier.ifPresent(v -> form.put("code_verifier", List.of(v)));
            client.writeTo(form);
            return form;
        }

        @Override public String toString() { return "AuthorizationCode[" + client + ", redirectUri=" + redirectUri + "]"; }
    }

    /** RFC 6749 §6: a new access token, optionally for fewer scopes. */
    record RefreshToken(ClientAuth client, String refreshToken, Optional<Scopes> narrowTo) implements TokenRequest {
        public ClientAuth clientAuth() { return client; }

        public Map<String, List<String>> toForm() {
            var form = new LinkedHashMap<String, List<String>>();
            form.put("grant_type", List.of(REFRESH_TOKEN));
            form.put("refresh_token", List.of(refreshToken));
            narrowTo.ifPresent(s -> putScopes(form, s));
            client.writeTo(form);
            return form;
        }

        @Override public String toString() { return "RefreshToken[" + client + "]"; }
    }

    /** RFC 8628 §3.4: a device polling for the person's decision. */
    record DeviceCode(ClientAuth client, String deviceCode) implements TokenRequest {
        public ClientAuth clientAuth() { return client; }

        public Map<String, List<String>> toForm() {
            var form = new LinkedHashMap<String, List<String>>();
            form.put("grant_type", List.of(DEVICE_CODE));
            form.put("device_code", List.of(deviceCode));
            client.writeTo(form);
            return form;
        }

        @Override public String toString() { return "DeviceCode[" + client + "]"; }
    }

    /** RFC 7523 §2.1: a service account's signed assertion; the scopes are in the assertion. */
    record JwtBearer(String assertion, Scopes scopes) implements TokenRequest {
        public Map<String, List<String>> toForm() {
            var form = new LinkedHashMap<String, List<String>>();
            form.put("grant_type", List.of(JWT_BEARER));
            form.put("assertion", List.of(assertion));
            putScopes(form, scopes);
            return form;
        }

        @Override public String toString() { return "JwtBearer[scopes=" + scopes + "]"; }
    }

    /** RFC 6749 §4.4 with RFC 7523 §2.2 client authentication (a service account's private_key_jwt). */
    record ClientCredentials(ClientAuth client, Scopes scopes) implements TokenRequest {
        public ClientAuth clientAuth() { return client; }

        public Map<String, List<String>> toForm() {
            var form = new LinkedHashMap<String, List<String>>();
            form.put("grant_type", List.of(CLIENT_CREDENTIALS));
            putScopes(form, scopes);
            client.writeTo(form);
            return form;
        }
    }

    /** Reads a form body; every problem is an OAuthException with its RFC 6749 code. */
    static TokenRequest parse(FormBody form, Optional<String> authorization) throws OAuthException {
        String grantType = form.required("grant_type");
        switch (grantType) {
            case JWT_BEARER -> {
                return new JwtBearer(form.required("assertion"), Scopes.parse(form.optional("scope").orElse(null)));
            }
            case CLIENT_CREDENTIALS -> {
                ClientAuth client = requireClient(form, authorization);
                return new ClientCredentials(client, Scopes.parse(form.optional("scope").orElse(null)));
            }
            case AUTHORIZATION_CODE -> {
                ClientAuth client = requireClient(form, authorization);
                Optional<String> verifier = form.optional("code_verifier");
                if (verifier.isPresent() && !Pkce.isValidVerifier(verifier.get())) {
                    throw OAuthError.INVALID_REQUEST.exception("code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~].");
                }
                return new AuthorizationCode(client, form.required("code"), form.required("redirect_uri"), verifier);
            }
            case REFRESH_TOKEN -> {
                ClientAuth client = requireClient(form, authorization);
                Optional<String> scope = form.optional("scope");
                Optional<Scopes> narrowTo = scope.isPresent() ? Optional.of(Scopes.parse(scope.get())) : Optional.empty();
                // A scope of spaces only names no scope: refused here, as the grant would, so that a
                // parsed request is the same as its own form parsed again.
                if (narrowTo.isPresent() && narrowTo.get().isEmpty()) {
                    throw OAuthError.INVALID_SCOPE.exception("The scope parameter names no scope.");
                }
                return new RefreshToken(client, form.required("refresh_token"), narrowTo);
            }
            case DEVICE_CODE -> {
                return new DeviceCode(requireClient(form, authorization), form.required("device_code"));
            }
            default -> throw OAuthError.UNSUPPORTED_GRANT_TYPE.exception("Unsupported grant type: " + truncate(grantType));
        }
    }

    /** The form a client sends for this request: the inverse of {@link #parse}. */
    Map<String, List<String>> toForm();

    private static ClientAuth requireClient(FormBody form, Optional<String> authorization) throws OAuthException {
        ClientAuth client = ClientAuth.parse(form, authorization);
        if (client instanceof ClientAuth.Absent) {
            throw OAuthError.INVALID_CLIENT.exception("The client must identify itself with client_id or authenticate.");
        }
        return client;
    }

    private static void putScopes(Map<String, List<String>> form, Scopes scopes) {
        if (!scopes.isEmpty()) {
            form.put("scope", List.of(scopes.toString()));
        }
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
