package dev.tollgate.core.access;

import dev.tollgate.core.catalog.Access;
import dev.tollgate.core.catalog.ApiMethod;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole access decision for one call: who is calling, which project pays, and
 * whether it may. Reads only {@link CredentialCache} and the token's own record; no HTTP, no SQL.
 */
public final class AccessChecker implements AccessDecider {
    private final CredentialCache cache;
    private final BearerAuthenticator bearer;

    public AccessChecker(CredentialCache cache, BearerAuthenticator bearer) {
        this.cache = cache;
        this.bearer = bearer;
    }

    /**
     * Identify the credential, then check what it may do. A refusal after the credential named its
     * project is charged to that project; before, to nobody.
     */
    @Override
    public AccessDecision decide(CallAttempt call) {
        String service = call.method().api().name();
        Identified identified;
        try {
            identified = identify(call);
        } catch (ApiException e) {
            return AccessDecision.refuse(e.withMetadata(Map.of("service", service)));
        }
        try {
            identified.checkRestrictions(call);
            checkServiceEnabled(identified.caller(), service);
            return AccessDecision.allow(identified.caller());
        } catch (ApiException e) {
            return AccessDecision.refuse(e.withMetadata(Map.of("service", service)), identified.caller());
        }
    }

    /** A caller whose credential is known, with the restrictions that credential puts on the call. */
    private record Identified(Caller caller, java.util.function.Consumer<CallAttempt> restrictions) {
        void checkRestrictions(CallAttempt call) {
            restrictions.accept(call);
        }
    }

    @Override
    public Optional<Caller> payer(Optional<String> apiKey, Optional<String> bearerToken) {
        try {
            if (bearerToken.isPresent()) {
                return Optional.of(byToken(bearerToken.get()).caller());
            }
            return apiKey.map(key -> byKey(key).caller());
        } catch (ApiException unknown) {
            return Optional.empty();
        }
    }

    private Identified identify(CallAttempt call) {
        ApiMethod method = call.method().method();
        Access access = method.access();
        if (call.bearerToken().isPresent() && access.allowsToken()) {
            return byToken(call.bearerToken().get());
        }
        if (call.apiKey().isPresent() && access.allowsKey()) {
            return byKey(call.apiKey().get());
        }
        if (access == Access.AUTHORIZED) {
            throw ApiError.CREDENTIALS_MISSING_AUTHORIZED.exception();
        }
        throw ApiError.CREDENTIALS_MISSING_SIMPLE.exception();
    }

    private Identified byKey(String keyString) {
        if (!Secrets.isWellFormed(SecretKind.API_KEY, keyString)) {
            throw ApiError.API_KEY_INVALID.exception();
        }
        CredentialCache.CachedKey cached = cache.key(Secrets.hash(keyString))
                .orElseThrow(ApiError.API_KEY_INVALID::exception);
        ProjectState project = project(cached.key().projectId(), ApiError.API_KEY_INVALID);
        var caller = new Caller(project.projectId(), project.projectNumber(), new Credential.ApiKey(cached.key().keyId()));
        return new Identified(caller, call -> cached.policy().check(call.method().api().name(), call.method().method().id(), call.origin()));
    }

    private Identified byToken(String tokenString) {
        AccessToken token = bearer.authenticate(tokenString).orThrow();
        ProjectState project = project(token.projectId(), ApiError.ACCESS_TOKEN_INVALID);
        var caller = new Caller(project.projectId(), project.projectNumber(), Credential.of(token));
        return new Identified(caller, call -> {
            ApiMethod method = call.method().method();
            if (!token.scopes().containsAny(method.scopes())) {
                throw ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT.exception(
                        "Request had insufficient authentication scopes. This method needs one of: " + String.join(" ", method.scopes()) + ".");
            }
        });
    }

    private ProjectState project(String projectId, ApiError whenGone) {
        return cache.project(projectId).orElseThrow(whenGone::exception);
    }

    private void checkServiceEnabled(Caller caller, String service) {
        ProjectState project = project(caller.projectId(), ApiError.API_KEY_INVALID);
        if (!project.enabledServices().contains(service)) {
            throw new ApiException(ApiError.SERVICE_DISABLED,
                    service + " API has not been used in project " + project.projectNumber()
                            + " before or it is disabled. Enable it by calling POST /admin/v1/projects/" + project.projectId()
                            + "/services/" + service + "/enable, then retry.",
                    Map.of("consumer", "projects/" + project.projectNumber()));
        }
    }
}
