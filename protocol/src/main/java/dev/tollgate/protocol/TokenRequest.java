package dev.tollgate.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the token endpoint can be asked, and nothing else. */
public sealed interface TokenRequest {

    String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    String CLIENT_CREDENTIALS = "client_credentials";

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
                ClientAuth client = ClientAuth.parse(form, authorization);
                if (client instanceof ClientAuth.Absent) {
                    throw OAuthError.INVALID_CLIENT.exception("Client authentication is required.");
                }
                return new ClientCredentials(client, Scopes.parse(form.optional("scope").orElse(null)));
            }
            default -> throw OAuthError.UNSUPPORTED_GRANT_TYPE.exception("Unsupported grant type: " + truncate(grantType));
        }
    }

    /** The form a client sends for this request: the inverse of {@link #parse}. */
    Map<String, List<String>> toForm();

    private static void putScopes(Map<String, List<String>> form, Scopes scopes) {
        if (!scopes.isEmpty()) {
            form.put("scope", List.of(scopes.toString()));
        }
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
