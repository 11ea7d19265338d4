package dev.tollgate.protocol;

import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Base64;
import java.util.Optional;

/** How a client authenticated at the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2). */
public sealed interface ClientAuth {

    String CLIENT_ASSERTION_TYPE_JWT = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The client id the request names, if it names one. */
    Optional<String> clientId();

    /** Writes this authentication into a token request form (Basic goes in a header instead). */
    default void writeTo(java.util.Map<String, java.util.List<String>> form) {
        if (this instanceof SecretPost post) {
            form.put("client_id", java.util.List.of(post.id()));
            form.put("client_secret", java.util.List.of(post.secret()));
        } else if (this instanceof PrivateKeyJwt jwt) {
            jwt.clientId().ifPresent(id -> form.put("client_id", java.util.List.of(id)));
            form.put("client_assertion_type", java.util.List.of(CLIENT_ASSERTION_TYPE_JWT));
            form.put("client_assertion", java.util.List.of(jwt.assertion()));
        } else if (this instanceof None none) {
            form.put("client_id", java.util.List.of(none.id()));
        }
    }

    record SecretBasic(String id, String secret) implements ClientAuth {
        public Optional<String> clientId() { return Optional.of(id); }
        @Override public String toString() { return "SecretBasic[" + id + "]"; }
    }

    record SecretPost(String id, String secret) implements ClientAuth {
        public Optional<String> clientId() { return Optional.of(id); }
        @Override public String toString() { return "SecretPost[" + id + "]"; }
    }

    record PrivateKeyJwt(Optional<String> clientId, String assertion) implements ClientAuth {
        @Override public String toString() { return "PrivateKeyJwt[" + clientId.orElse("?") + "]"; }
    }

    /** A public client that only names itself. */
    record None(String id) implements ClientAuth {
        public Optional<String> clientId() { return Optional.of(id); }
    }

    /** No client authentication and no client id at all. */
    record Absent() implements ClientAuth {
        public Optional<String> clientId() { return Optional.empty(); }
    }

    /** Reads the one client authentication method a request uses; more than one is an error. */
    static ClientAuth parse(FormBody form, Optional<String> authorization) throws OAuthException {
        Optional<String> formId = form.optional("client_id");
        Optional<String> formSecret = form.optional("client_secret");
        Optional<String> assertionType = form.optional("client_assertion_type");
        Optional<String> assertion = form.optional("client_assertion");
        Optional<SecretBasic> basic = authorization.isPresent() ? Optional.of(parseBasic(authorization.get())) : Optional.empty();

        int methods = (basic.isPresent() ? 1 : 0) + (formSecret.isPresent() ? 1 : 0) + (assertion.isPresent() ? 1 : 0);
        if (methods > 1) {
            throw OAuthError.INVALID_REQUEST.exception("The request uses more than one client authentication method.");
        }
        if (basic.isPresent()) {
            if (formId.isPresent() && !formId.get().equals(basic.get().id())) {
                throw OAuthError.INVALID_REQUEST.exception("client_id does not match the Authorization header.");
            }
            return basic.get();
        }
        if (formSecret.isPresent()) {
            String id = formId.orElseThrow(() -> OAuthError.INVALID_REQUEST.exception("Missing required parameter: client_id"));
            return new SecretPost(id, formSecret.get());
        }
        if (assertion.isPresent() || assertionType.isPresent()) {
            if (!assertionType.equals(Optional.of(CLIENT_ASSERTION_TYPE_JWT))) {
                throw OAuthError.INVALID_REQUEST.exception("client_assertion_type must be " + CLIENT_ASSERTION_TYPE_JWT);
            }
            String jwt = assertion.orElseThrow(() -> OAuthError.INVALID_REQUEST.exception("Missing required parameter: client_assertion"));
            return new PrivateKeyJwt(formId, jwt);
        }
        return formId.<ClientAuth>map(None::new).orElseGet(Absent::new);
    }

    private static SecretBasic parseBasic(String header) throws OAuthException {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.INVALID_CLIENT.exception("Unsupported Authorization scheme at the token endpoint.");
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw OAuthError.INVALID_CLIENT.exception("Malformed HTTP Basic credentials.");
            }
            // RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
            return new SecretBasic(
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw OAuthError.INVALID_CLIENT.exception("Malformed HTTP Basic credentials.");
        }
    }
}
