package dev.tollgate.core.oauth;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.AuthorizationRequest;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint's decisions (RFC 6749 §4.1, RFC 9700, RFC 9207). An unknown client,
 * an unregistered redirect URI or a malformed request is shown to the person and never redirected
 * to; the errors a person's part in the request brings (denied, or prompt=none's login_required,
 * consent_required, account_selection_required) go back to the client's redirect URI with
 * {@code state} and {@code iss}.
 */
public final class AuthorizationService {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final OAuthClientRepository clients;
    private final ProjectRepository projects;
    private final OAuthClientService clientService;
    private final GrantRepository grants;
    private final GrantGenerations generations;
    private final AuthorizationCodeRepository codes;
    private final KnownScopes knownScopes;
    private final ScopeDescriptions descriptions;
    private final Issuer issuer;
    private final Clock clock;

    public AuthorizationService(OAuthClientRepository clients, ProjectRepository projects, OAuthClientService clientService,
                                GrantRepository grants, GrantGenerations generations, AuthorizationCodeRepository codes,
                                KnownScopes knownScopes, ApiCatalog catalog, Issuer issuer, Clock clock) {
        this.clients = clients;
        this.projects = projects;
        this.clientService = clientService;
        this.grants = grants;
        this.generations = generations;
        this.codes = codes;
        this.knownScopes = knownScopes;
        this.descriptions = new ScopeDescriptions(catalog);
        this.issuer = issuer;
        this.clock = clock;
    }

    /** What the endpoint does next. */
    public sealed interface Outcome {
        /** Show an error page; there is no trustworthy place to send the person. */
        record ShowError(String message) implements Outcome {}

        /** Ask the person to sign in (or to choose an account), then come back. */
        record SignIn(Optional<String> loginHint, boolean chooseAccount) implements Outcome {}

        /** Ask the person to allow the listed scopes. */
        record AskConsent(ConsentRequest consent) implements Outcome {}

        /** Send the browser back to the client. */
        record Redirect(String location) implements Outcome {}
    }

    /** What the consent page shows. */
    public record ConsentRequest(OAuthClient client, ConsentScreen screen, Project project, List<ScopeLine> newScopes,
                                 List<ScopeLine> alreadyGranted, boolean offline) {}

    public record ScopeLine(String scope, String description) {}

    /** A request on its way: the parsed request and its client. */
    private record Checked(AuthorizationRequest request, OAuthClient client) {}

    /**
     * Handles a GET of the authorization endpoint, or the consent form's POST when {@code decision}
     * is present (true: allow, false: deny).
     */
    public Outcome authorize(FormBody params, Optional<Person> person, Optional<Boolean> decision) {
        AuthorizationRequest.Target target;
        OAuthClient client;
        try {
            target = AuthorizationRequest.identify(params);
        } catch (OAuthException e) {
            return new Outcome.ShowError(e.description());
        }
        Optional<OAuthClient> found = clients.find(target.clientId());
        if (found.isEmpty()) {
            return new Outcome.ShowError("The OAuth client was not found. (Error 401: invalid_client)");
        }
        client = found.get();
        if (!RedirectUris.matches(client, target.redirectUri())) {
            return new Outcome.ShowError("The redirect URI in the request, " + clip(target.redirectUri())
                    + ", does not match the ones authorized for the OAuth client. (Error 400: redirect_uri_mismatch)");
        }
        if (!RedirectUris.isUsable(target.redirectUri())) {
            // Registered before registration refused such URIs: no page or header can carry it safely.
            return new Outcome.ShowError("The redirect URI " + clip(target.redirectUri())
                    + " cannot be used; the application must register another. (Error 400: redirect_uri_mismatch)");
        }
        Optional<String> state = params.params().getOrDefault("state", List.of()).size() == 1
                ? Optional.of(params.params().get("state").get(0)).filter(s -> !s.isEmpty() && s.length() <= 2048) : Optional.empty();
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(offlineByDefaultForInstalled(params, client), target, client.isPublic());
            for (String scope : request.scopes().values()) {
                if (!knownScopes.isKnown(scope) || scope.equals(KnownScopes.ADMIN)
                        && !AdminScope.mayAuthorize(client, request.redirectUri(), request.codeChallenge())) {
                    throw OAuthError.INVALID_SCOPE.exception("Unknown or unavailable scope: " + clip(scope));
                }
            }
        } catch (OAuthException e) {
            // RFC 9700 §4.11.2: anyone can craft a malformed request with a client's id and redirect URI;
            // sending its error on would make the client's page an open redirector. No person was involved yet.
            return new Outcome.ShowError(e.description() + " (Error 400: " + e.error().code() + ")");
        }
        try {
            return decide(new Checked(request, client), person, decision);
        } catch (OAuthException e) {
            // A person took part (signed in, chose, denied) or OpenID Connect's prompt=none asked for the answer.
            return new Outcome.Redirect(errorRedirect(target.redirectUri(), e, state));
        }
    }

    /**
     * The redirect URI a request would send the browser to, when its client registered it: what a
     * page's Content-Security-Policy must allow as a form's destination when the form leads there.
     */
    public Optional<String> registeredRedirectUri(FormBody params) {
        try {
            AuthorizationRequest.Target target = AuthorizationRequest.identify(params);
            return clients.find(target.clientId()).filter(c -> RedirectUris.matches(c, target.redirectUri()))
                    .map(c -> target.redirectUri());
        } catch (OAuthException e) {
            return Optional.empty();
        }
    }

    private Outcome decide(Checked checked, Optional<Person> person, Optional<Boolean> decision) throws OAuthException {
        AuthorizationRequest request = checked.request();
        var prompt = request.prompt();
        if (person.isEmpty()) {
            if (prompt.contains(AuthorizationRequest.Prompt.NONE)) {
                throw OAuthError.LOGIN_REQUIRED.exception("The person is not signed in.");
            }
            return new Outcome.SignIn(request.loginHint(), false);
        }
        Person who = person.get();
        boolean otherAccountHinted = request.loginHint().filter(h -> !h.equalsIgnoreCase(who.email())).isPresent();
        if (decision.isEmpty() && (prompt.contains(AuthorizationRequest.Prompt.SELECT_ACCOUNT)
                || prompt.contains(AuthorizationRequest.Prompt.LOGIN) || otherAccountHinted)) {
            if (prompt.contains(AuthorizationRequest.Prompt.NONE)) {
                throw OAuthError.ACCOUNT_SELECTION_REQUIRED.exception("The hinted account is not the signed-in one.");
            }
            return new Outcome.SignIn(request.loginHint(), true);
        }
        Scopes granted = grants.find(who.userId(), checked.client().clientId()).map(Grant::scopes).orElse(Scopes.EMPTY);
        List<String> missing = request.scopes().values().stream().filter(s -> !granted.contains(s)).toList();
        boolean mustAsk = !missing.isEmpty() || prompt.contains(AuthorizationRequest.Prompt.CONSENT);
        if (decision.isEmpty()) {
            if (prompt.contains(AuthorizationRequest.Prompt.NONE) && mustAsk) {
                throw OAuthError.CONSENT_REQUIRED.exception("The person has not granted these scopes to this application.");
            }
            if (mustAsk) {
                return new Outcome.AskConsent(consentRequest(checked, granted, missing, prompt.contains(AuthorizationRequest.Prompt.CONSENT)));
            }
        } else if (!decision.get()) {
            throw OAuthError.ACCESS_DENIED.exception("The person denied the request.");
        }
        Grant grant = Grants.remember(grants, who.userId(), checked.client().clientId(), request.scopes(), clock.instant());
        Scopes tokenScopes = request.includeGrantedScopes() ? grant.scopes() : request.scopes();
        return new Outcome.Redirect(issueCode(checked, who, tokenScopes));
    }

    /**
     * Google gives installed applications a refresh token without {@code access_type=offline} (its
     * desktop-app flow has no such parameter, and its libraries for them do not send it); an explicit
     * {@code access_type=online} still means no refresh token.
     */
    private static FormBody offlineByDefaultForInstalled(FormBody params, OAuthClient client) {
        if (!client.isPublic() || params.params().containsKey("access_type")) {
            return params;
        }
        var withOffline = new LinkedHashMap<>(params.params());
        withOffline.put("access_type", List.of("offline"));
        return new FormBody(withOffline);
    }

    private ConsentRequest consentRequest(Checked checked, Scopes granted, List<String> missing, boolean askAll) {
        OAuthClient client = checked.client();
        Project project = projects.find(client.projectId()).orElseThrow();
        List<String> toAsk = askAll ? List.copyOf(checked.request().scopes().values()) : missing;
        var already = new ArrayList<ScopeLine>();
        for (String s : granted.values()) {
            if (!toAsk.contains(s)) {
                already.add(line(s));
            }
        }
        return new ConsentRequest(client, clientService.consentScreenOf(project), project,
                toAsk.stream().map(this::line).toList(), already,
                checked.request().accessType() == AuthorizationRequest.AccessType.OFFLINE);
    }

    private ScopeLine line(String scope) {
        return new ScopeLine(scope, descriptions.describe(scope));
    }

    private String issueCode(Checked checked, Person person, Scopes scopes) {
        AuthorizationRequest request = checked.request();
        String code = Secrets.generate(SecretKind.AUTHORIZATION_CODE);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        codes.insert(new AuthorizationCodeRecord(Secrets.hash(code), checked.client().clientId(), person.userId(), person.email(),
                request.redirectUri(), Optional.ofNullable(request.codeChallenge()), scopes, request.nonce(), person.authTime(),
                request.accessType() == AuthorizationRequest.AccessType.OFFLINE, now.plus(CODE_LIFETIME)));
        // The grant was remembered just before: the code belongs to its current generation. Bound after
        // the code is stored, so that a purge of orphaned bindings never finds this one without its code.
        generations.issue(GrantGenerations.code(Secrets.hash(code)), person.userId(), checked.client().clientId());
        var params = new LinkedHashMap<String, String>();
        params.put("code", code);
        request.state().ifPresent(s -> params.put("state", s));
        params.put("scope", scopes.toString());
        params.put("iss", issuer.url());
        return withQuery(request.redirectUri(), params);
    }

    private String errorRedirect(String redirectUri, OAuthException e, Optional<String> state) {
        var params = new LinkedHashMap<String, String>();
        params.put("error", e.error().code());
        params.put("error_description", e.description());
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer.url());
        return withQuery(redirectUri, params);
    }

    private static String withQuery(String uri, Map<String, String> params) {
        var sb = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (var e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
