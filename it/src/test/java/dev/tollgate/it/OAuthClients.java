package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.protocol.Pkce;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an OAuth client application does in the tests: register, build authorization URLs, redeem codes. */
final class OAuthClients {
    private OAuthClients() {}

    record Registered(String clientId, String secret, String type, List<String> redirectUris, JsonNode created) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        }
    }

    static Registered register(Http http, String adminToken, String projectId, String type, List<String> redirectUris) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type);
        body.put("displayName", type + " client");
        body.put("redirectUris", redirectUris);
        Http.Response r = http.postJson("/admin/v1/projects/" + projectId + "/oauthClients", adminToken, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Registered(r.json().get("clientId").asText(), r.json().get("clientSecret").asText(), type, redirectUris, r.json());
    }

    static String verifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String authUrl(Registered client, String redirectUri, String scope, String state, String verifier, Map<String, String> extra) {
        var params = new LinkedHashMap<String, String>();
        params.put("client_id", client.clientId());
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", state);
        if (verifier != null) {
            params.put("code_challenge", Pkce.s256(verifier));
            params.put("code_challenge_method", "S256");
        }
        params.putAll(extra);
        return "/o/oauth2/v2/auth?" + Http.form(params);
    }

    static Map<String, String> query(String location) {
        var out = new LinkedHashMap<String, String>();
        String q = URI.create(location).getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Http.Response redeem(Http http, Registered client, String code, String redirectUri, String verifier, boolean basic) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        if (basic) {
            return http.postForm("/token", form, "Authorization", client.basic());
        }
        form.put("client_id", client.clientId());
        if (client.type().equals("web")) {
            form.put("client_secret", client.secret());
        }
        return http.postForm("/token", form);
    }

    static Http.Response refresh(Http http, Registered client, String refreshToken, String scope) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", client.clientId());
        if (client.type().equals("web")) {
            form.put("client_secret", client.secret());
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        return http.postForm("/token", form);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
