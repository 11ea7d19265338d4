package dev.tollgate.core.gateway;

import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.access.AccessDecision;
import dev.tollgate.core.access.CallAttempt;
import dev.tollgate.core.access.Caller;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.key.CallOrigin;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One gateway call from request to ledger, in the order of its steps (see the package description for
 * what a refusal at each step costs):
 * <pre>
 *   shape → match → access (credential, restrictions, API enabled) → prepare the backend request
 *   → admit (quota, then billing) → charge (durable) → forward → deliver → settle
 * </pre>
 * No HTTP types: the server gives the request as a {@link GatewayRequest} and the backend side as a
 * {@link BackendExchange}, and renders the {@link GatewayOutcome}.
 */
public final class GatewayCall {
    /** The ledger's method for a call that matched none of its API's methods (a malformed path, no such method). */
    public static final String UNMATCHED = "(unmatched)";

    private final ApiCatalog catalog;
    private final AccessDecider access;
    private final CallAccounting accounting;
    private final ClientAddressResolver addresses;
    private final Backends backends;
    private final String builtInSecret;

    public GatewayCall(ApiCatalog catalog, AccessDecider access, CallAccounting accounting, ClientAddressResolver addresses,
                       Backends backends, String builtInSecret) {
        this.catalog = catalog;
        this.access = access;
        this.accounting = accounting;
        this.addresses = addresses;
        this.backends = backends;
        this.builtInSecret = builtInSecret;
    }

    /**
     * Runs the call. The steps up to admission run on the calling thread and touch memory, or the
     * caches' stores on a miss; the charge completes when it is on disk, and the call goes on from
     * there on the exchange's {@link BackendExchange#resumeOn executor}, as does a refusal (a failed
     * charge gives its quota back there, not on the journal's writer).
     *
     * @return the outcome; fails only with a fault of Tollgate's own (not an {@link ApiException})
     */
    public CompletionStage<GatewayOutcome> serve(GatewayRequest request, BackendExchange backend) {
        var call = new Progress(System.nanoTime(), request, backend);
        return CompletableFuture.completedFuture(call)
                .thenApply(this::admitted)
                .thenCompose(this::charged)
                .thenComposeAsync(this::forwarded, backend.resumeOn())
                .thenCompose(this::delivered)
                .thenApply(this::settled)
                .exceptionallyComposeAsync(failure -> refused(call, unwrapped(failure)), backend.resumeOn());
    }

    /** Shape, match, access (credential, restrictions, API enabled), the backend request prepared, admission. */
    private Progress admitted(Progress call) {
        GatewayRequest request = call.request;
        GatewayPath.check(request.path());
        call.query = GatewayQuery.parse(request.rawQuery());
        call.method = match(request);
        InetAddress client = addresses.resolve(request.peer(), request.forwardedFor().orElse(null));
        call.caller = allowed(access.decide(attempt(request, call.method, call.query, client)), call);
        call.backend.prepare(target(request, call.method, call.query), identity(call.caller, call.method, request, client));
        call.admitted = accounting.admit(call.caller, call.method, quotaUser(call.caller, call.query));
        return call;
    }

    /** The charge, on disk before the backend sees the call. */
    private CompletionStage<Progress> charged(Progress call) {
        return accounting.charge(call.caller, call.method, call.request.declaredLength()).thenApply(charge -> {
            call.charge = charge;
            return call;
        });
    }

    private CompletionStage<Progress> forwarded(Progress call) {
        call.admitted.allowance().ifPresent(call.backend::allowance);
        return call.backend.forward().thenApply(status -> {
            call.status = status;
            return call;
        });
    }

    private CompletionStage<Progress> delivered(Progress call) {
        return call.backend.deliver().thenApply(bytesOut -> {
            call.bytesOut = bytesOut;
            return call;
        });
    }

    private GatewayOutcome settled(Progress call) {
        accounting.settle(call.charge, call.status, call.bytesOut, call.micros());
        return new GatewayOutcome.Delivered(Optional.of(call.method), call.status);
    }

    /**
     * The gateway answers itself. After a charge (the backend failed or timed out) the charge is settled
     * with that answer; before it, the quota taken is given back and the refusal is recorded for the
     * project when one is known. An answer that cannot be recorded is not given: 503 instead.
     */
    private CompletionStage<GatewayOutcome> refused(Progress call, Throwable failure) {
        if (!(failure instanceof ApiException error)) {
            // A fault of Tollgate's own after the charge still settles it, with the status the caller gets.
            accounting.settle(call.charge, 500, 0, call.micros());
            return CompletableFuture.failedFuture(failure);
        }
        GatewayRequest request = call.request;
        Optional<MethodMatch> method = Optional.ofNullable(call.method);
        var refusal = CompletableFuture.<GatewayOutcome>completedFuture(new GatewayOutcome.Refused(method, error));
        int status = error.error().httpStatus();
        if (call.charge.isPresent()) {
            accounting.settle(call.charge, status, 0, call.micros());
            return refusal;
        }
        if (call.admitted != null) {
            accounting.giveBack(call.admitted);
        }
        if (error.error() == ApiError.METERING_UNAVAILABLE) {
            return refusal;
        }
        String api;
        String methodId;
        if (call.method != null) {
            api = call.method.api().name();
            methodId = call.method.method().id();
        } else {
            // Refused before any method matched: still the credential's project's, under its API.
            Optional<String> unmatchedApi = apiOf(request.path());
            if (call.caller != null || unmatchedApi.isEmpty()) {
                return refusal;
            }
            call.caller = payer(request, call.query).orElse(null);
            api = unmatchedApi.get();
            methodId = UNMATCHED;
        }
        if (call.caller == null) {
            return refusal;
        }
        return accounting.record(call.caller, api, methodId, status, request.declaredLength(), call.micros())
                .handle((recorded, unrecorded) -> unrecorded == null ? new GatewayOutcome.Refused(method, error)
                        : new GatewayOutcome.Refused(method, ApiError.METERING_UNAVAILABLE.exception()));
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** What a call has got so far: each step sets its part, so a refusal knows what to give back or record. */
    private static final class Progress {
        final long startNanos;
        final GatewayRequest request;
        final BackendExchange backend;
        MethodMatch method;
        GatewayQuery query;
        Caller caller;
        CallAccounting.Admitted admitted;
        Optional<UsageRecord> charge = Optional.empty();
        int status;
        long bytesOut;

        Progress(long startNanos, GatewayRequest request, BackendExchange backend) {
            this.startNanos = startNanos;
            this.request = request;
            this.backend = backend;
        }

        long micros() {
            return (System.nanoTime() - startNanos) / 1000;
        }
    }

    /** The admitted caller; a refusal after the credential named its project is charged to that project. */
    private static Caller allowed(AccessDecision decision, Progress call) {
        if (decision instanceof AccessDecision.Refused refused) {
            call.caller = refused.chargedTo().orElse(null);
            throw refused.reason();
        }
        return decision.orThrow();
    }

    /** The catalog API a gateway path names by its first two segments, whatever follows. */
    private Optional<String> apiOf(String path) {
        int apiEnd = path.indexOf('/', 1);
        int versionEnd = apiEnd < 0 ? -1 : path.indexOf('/', apiEnd + 1);
        if (!path.startsWith("/") || versionEnd < 0) {
            return Optional.empty();
        }
        return catalog.api(path.substring(1, apiEnd), path.substring(apiEnd + 1, versionEnd)).map(a -> a.name());
    }

    /** Who pays for a call that matched no method: its key's or token's project, if the query could be read at all. */
    private Optional<Caller> payer(GatewayRequest request, GatewayQuery query) {
        try {
            GatewayQuery readable = query != null ? query : GatewayQuery.parse(request.rawQuery());
            return access.payer(GatewayCredentials.apiKey(request, readable), GatewayCredentials.bearer(request, readable));
        } catch (ApiException unreadableOrAmbiguous) {
            return Optional.empty();
        }
    }

    private MethodMatch match(GatewayRequest request) {
        String uri = request.path();
        int apiEnd = uri.indexOf('/', 1);
        int versionEnd = apiEnd < 0 ? -1 : uri.indexOf('/', apiEnd + 1);
        if (!uri.startsWith("/") || versionEnd < 0) {
            throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
        }
        // HEAD on a GET method is that method: matched, checked, charged and forwarded as HEAD.
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        return catalog.match(uri.substring(1, apiEnd), uri.substring(apiEnd + 1, versionEnd), method, uri.substring(versionEnd))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Method not found: " + request.method() + " " + clip(uri) + "."));
    }

    private static CallAttempt attempt(GatewayRequest request, MethodMatch match, GatewayQuery query, InetAddress client) {
        GatewayRequest.AppHeaders app = request.app();
        var origin = new CallOrigin(client, app.referer().orElse(null), app.androidPackage().orElse(null),
                app.androidCert().orElse(null), app.iosBundleId().orElse(null));
        return new CallAttempt(match, GatewayCredentials.apiKey(request, query), GatewayCredentials.bearer(request, query), origin);
    }

    /** A person's token carries its person; {@code quotaUser} only stands in for one on keyed calls, as Google has it. */
    private static Optional<String> quotaUser(Caller caller, GatewayQuery query) {
        return caller.token().isPresent() ? Optional.empty() : query.quotaUser();
    }

    /** The backend's URI: the path that was checked and matched, and the query without Tollgate's parameters. */
    private URI target(GatewayRequest request, MethodMatch match, GatewayQuery query) {
        URI base = backends.baseUri(match.api());
        String uri = request.path();
        String rest = uri.substring(uri.indexOf('/', uri.indexOf('/', 1) + 1));
        String forwarded = query.forwarded();
        try {
            return new URI(base.toString() + rest + (forwarded.isEmpty() ? "" : "?" + forwarded));
        } catch (URISyntaxException e) {
            throw ApiError.INVALID_ARGUMENT.exception("The request URL has characters that are not allowed in a URL.");
        }
    }

    private java.util.Map<String, String> identity(Caller caller, MethodMatch match, GatewayRequest request, InetAddress client) {
        Optional<String> secret = backends.isBuiltIn(match.api()) ? Optional.of(builtInSecret) : Optional.empty();
        return BackendIdentity.of(caller, request, client, secret);
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
