package dev.tollgate.protocol;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization request (RFC 6749 §4.1.1 with Google's and OpenID Connect's parameters), parsed
 * in two steps: {@link #identify} reads what decides where errors may be sent (client and redirect
 * URI); {@link #parse} reads the rest, whose errors go back to the client by redirect.
 */
public record AuthorizationRequest(String clientId, String redirectUri, Scopes scopes, Optional<String> state,
                                   String codeChallenge, AccessType accessType, Set<Prompt> prompt,
                                   boolean includeGrantedScopes, Optional<String> loginHint, Optional<String> nonce) {

    public enum AccessType { ONLINE, OFFLINE }

    public enum Prompt { NONE, CONSENT, SELECT_ACCOUNT, LOGIN }

    /** Client and redirect URI: an error here is shown to the person, never sent to the URI. */
    public record Target(String clientId, String redirectUri) {}

    private static final int MAX_STATE = 2048;

    public static Target identify(FormBody params) throws OAuthException {
        String clientId = params.required("client_id");
        String redirectUri = params.required("redirect_uri");
        return new Target(clientId, redirectUri);
    }

    /** Reads the rest of the request; the target has been checked against the registered client. */
    public static AuthorizationRequest parse(FormBody params, Target target, boolean pkceRequired) throws OAuthException {
        String responseType = params.required("response_type");
        if (!responseType.equals("code")) {
            throw OAuthError.UNSUPPORTED_RESPONSE_TYPE.exception("Only response_type=code is supported.");
        }
        Optional<String> state = params.optional("state");
        if (state.isPresent() && state.get().length() > MAX_STATE) {
            throw OAuthError.INVALID_REQUEST.exception("state is too long.");
        }
        Scopes scopes = Scopes.parse(params.optional("scope").orElse(null));
        if (scopes.isEmpty()) {
            throw OAuthError.INVALID_REQUEST.exception("Missing required parameter: scope");
        }
        Optional<String> challenge = params.optional("code_challenge");
        String method = params.optional("code_challenge_method").orElse(challenge.isPresent() ? "plain" : null);
        if (challenge.isEmpty()) {
            if (pkceRequired) {
                throw OAuthError.INVALID_REQUEST.exception("This client must use PKCE: code_challenge and code_challenge_method=S256.");
            }
            if (method != null) {
                throw OAuthError.INVALID_REQUEST.exception("code_challenge_method without code_challenge.");
            }
        } else if (!"S256".equals(method)) {
            throw OAuthError.INVALID_REQUEST.exception("code_challenge_method must be S256.");
        } else if (!Pkce.isValidS256Challenge(challenge.get())) {
            throw OAuthError.INVALID_REQUEST.exception("code_challenge must be the base64url SHA-256 of the code verifier.");
        }
        AccessType accessType = switch (params.optional("access_type").orElse("online")) {
            case "online" -> AccessType.ONLINE;
            case "offline" -> AccessType.OFFLINE;
            default -> throw OAuthError.INVALID_REQUEST.exception("access_type must be online or offline.");
        };
        Set<Prompt> prompt = parsePrompt(params.optional("prompt").orElse(""));
        boolean include = switch (params.optional("include_granted_scopes").orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw OAuthError.INVALID_REQUEST.exception("include_granted_scopes must be true or false.");
        };
        Optional<String> loginHint = params.optional("login_hint").filter(h -> h.length() <= 254);
        Optional<String> nonce = params.optional("nonce");
        if (nonce.isPresent() && nonce.get().length() > 512) {
            throw OAuthError.INVALID_REQUEST.exception("nonce is too long.");
        }
        return new AuthorizationRequest(target.clientId(), target.redirectUri(), scopes, state, challenge.orElse(null),
                accessType, prompt, include, loginHint, nonce);
    }

    private static Set<Prompt> parsePrompt(String text) throws OAuthException {
        Set<Prompt> prompts = EnumSet.noneOf(Prompt.class);
        for (String p : text.split(" ")) {
            if (p.isEmpty()) {
                continue;
            }
            switch (p) {
                case "none" -> prompts.add(Prompt.NONE);
                case "consent" -> prompts.add(Prompt.CONSENT);
                case "select_account" -> prompts.add(Prompt.SELECT_ACCOUNT);
                case "login" -> prompts.add(Prompt.LOGIN);
                default -> throw OAuthError.INVALID_REQUEST.exception("Unknown prompt value: " + (p.length() > 32 ? p.substring(0, 32) : p.toLowerCase(Locale.ROOT)));
            }
        }
        if (prompts.contains(Prompt.NONE) && prompts.size() > 1) {
            throw OAuthError.INVALID_REQUEST.exception("prompt=none cannot be combined with other values.");
        }
        return Set.copyOf(prompts);
    }
}
