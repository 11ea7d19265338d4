package dev.tollgate.core.access;

import dev.tollgate.core.catalog.Access;
import dev.tollgate.core.catalog.ApiMethod;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's whole access decision for one call: who is calling, which project pays, and
 * whether it may. Reads only {@link CredentialCache}; no HTTP, no SQL.
 */
public final class AccessChecker implements AccessDecider {
    private final CredentialCache cache;
    private final BearerAuthenticator bearer;

    public AccessChecker(CredentialCache cache, Clock clock) {
        this.cache = cache;
        this.bearer = new BearerAuthenticator(cache, clock);
    }

    @Override
    public Caller decide(CallAttempt call) {
        String service = call.method().api().name();
        try {
            Caller caller = identify(call);
            checkServiceEnabled(caller, service);
            return caller;
        } catch (ApiException e) {
            return rethrowWithService(e, service);
        }
    }

    private Caller identify(CallAttempt call) {
        ApiMethod method = call.method().method();
        Access access = method.access();
        if (call.bearerToken().isPresent() && access.allowsToken()) {
            return byToken(call.bearerToken().get(), method);
        }
        if (call.apiKey().isPresent() && access.allowsKey()) {
            return byKey(call.apiKey().get(), call);
        }
        if (access == Access.AUTHORIZED) {
            throw ApiError.CREDENTIALS_MISSING_AUTHORIZED.exception();
        }
        throw ApiError.CREDENTIALS_MISSING_SIMPLE.exception();
    }

    private Caller byKey(String keyString, CallAttempt call) {
        if (!Secrets.isWellFormed(SecretKind.API_KEY, keyString)) {
            throw ApiError.API_KEY_INVALID.exception();
        }
        CredentialCache.CachedKey cached = cache.key(Secrets.hash(keyString))
                .orElseThrow(ApiError.API_KEY_INVALID::exception);
        cached.policy().check(call.method().api().name(), call.method().method().id(), call.origin());
        ProjectState project = project(cached.key().projectId(), ApiError.API_KEY_INVALID);
        return new Caller(Caller.AccessType.SIMPLE, project.projectId(), project.projectNumber(),
                Optional.of(cached.key().keyId()), Optional.empty());
    }

    private Caller byToken(String tokenString, ApiMethod method) {
        AccessToken token = bearer.authenticate(tokenString).orThrow();
        if (!token.scopes().containsAny(method.scopes())) {
            throw ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT.exception(
                    "Request had insufficient authentication scopes. This method needs one of: " + String.join(" ", method.scopes()) + ".");
        }
        ProjectState project = project(token.projectId(), ApiError.ACCESS_TOKEN_INVALID);
        return new Caller(Caller.AccessType.AUTHORIZED, project.projectId(), project.projectNumber(),
                Optional.empty(), Optional.of(token));
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

    private static Caller rethrowWithService(ApiException e, String service) {
        throw e.withMetadata(Map.of("service", service));
    }
}
