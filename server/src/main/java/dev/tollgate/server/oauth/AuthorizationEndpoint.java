package dev.tollgate.server.oauth;

import dev.tollgate.core.oauth.AuthorizationService;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.account.SignInPrompt;
import dev.tollgate.server.pages.ContentSecurityPolicy;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /o/oauth2/v2/auth}. GET starts or continues a request; the consent form POSTs back to
 * the same address, with the request in the query and the person's decision in the body.
 */
public final class AuthorizationEndpoint {
    public static final String PATH = "/o/oauth2/v2/auth";

    private final AuthorizationService authorization;
    private final Sessions sessions;
    private final Pages pages;

    public AuthorizationEndpoint(AuthorizationService authorization, Sessions sessions, Pages pages) {
        this.authorization = authorization;
        this.sessions = sessions;
        this.pages = pages;
    }

    public void register(Javalin app) {
        pages.get(app, PATH, ctx -> handle(ctx, Optional.empty()));
        pages.post(app, PATH, (ctx, form) -> {
            if (sessions.current(ctx).isEmpty()) {
                throw PageError.forbidden("Your session has ended. Start again from the application.");
            }
            handle(ctx, Optional.of(decision(form)));
        });
    }

    /**
     * Where a same-origin continue URL finally sends the browser, when it is an authorization
     * request with a registered redirect URI: sign-in and sign-up forms that continue there must
     * allow that destination in their form-action, since browsers check the whole redirect chain.
     */
    public Optional<URI> redirectTargetOf(String continueUrl) {
        if (continueUrl == null || !continueUrl.startsWith(PATH + "?")) {
            return Optional.empty();
        }
        try {
            var query = new java.util.LinkedHashMap<String, List<String>>();
            for (String pair : continueUrl.substring(PATH.length() + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            }
            return authorization.registeredRedirectUri(new FormBody(query)).map(URI::create);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void handle(Context ctx, Optional<Boolean> decision) {
        FormBody params = params(ctx);
        Optional<SignedIn> signedIn = sessions.current(ctx);
        Optional<Person> person = signedIn.map(s -> new Person(s.user().userId(), s.user().email(), s.authTime()));
        AuthorizationService.Outcome outcome = authorization.authorize(params, person, decision);
        if (outcome instanceof AuthorizationService.Outcome.ShowError e) {
            pages.error(ctx, 400, "Access blocked: authorization error", e.message());
        } else if (outcome instanceof AuthorizationService.Outcome.SignIn s) {
            SignInPrompt prompt = s.chooseAccount() ? SignInPrompt.SELECT_ACCOUNT : SignInPrompt.NONE;
            pages.redirect(ctx, Sessions.signInUrl(continueUrl(params), prompt, s.loginHint().orElse(null)), 302);
        } else if (outcome instanceof AuthorizationService.Outcome.AskConsent c) {
            renderConsent(ctx, c.consent(), signedIn.orElseThrow());
        } else if (outcome instanceof AuthorizationService.Outcome.Redirect r) {
            pages.redirect(ctx, r.location(), decision.isPresent() ? 303 : 302);
        }
    }

    private void renderConsent(Context ctx, AuthorizationService.ConsentRequest consent, SignedIn person) {
        String action = PATH + "?" + ctx.queryString();
        var model = new LinkedHashMap<String, Object>();
        model.put("consent", consent);
        model.put("email", person.user().email());
        model.put("action", action);
        String redirectUri = params(ctx).params().get("redirect_uri").get(0);
        ContentSecurityPolicy csp = ContentSecurityPolicy.DEFAULT.allowingFormActionTo(URI.create(redirectUri));
        pages.render(ctx, 200, csp, "consent.jte", pages.page(ctx, consent.screen().applicationName() + " wants access"), model);
    }

    private static boolean decision(FormFields form) {
        String value = form.text("decision");
        if (value.equals("allow")) {
            return true;
        }
        if (value.equals("deny")) {
            return false;
        }
        throw PageError.badRequest("The form must say allow or deny.");
    }

    private static FormBody params(Context ctx) {
        try {
            return new FormBody(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            throw PageError.badRequest("The authorization request is not correctly encoded.");
        }
    }

    /**
     * Where sign-in comes back to: this request without the prompts that sent the person to sign in,
     * so that coming back does not send them again.
     */
    static String continueUrl(FormBody params) {
        var kept = new LinkedHashMap<String, List<String>>();
        for (Map.Entry<String, List<String>> e : params.params().entrySet()) {
            if (e.getKey().equals("login_hint")) {
                continue;
            }
            if (e.getKey().equals("prompt")) {
                String rest = String.join(" ", e.getValue()).replace("select_account", "").replace("login", "").trim();
                if (!rest.isEmpty()) {
                    kept.put("prompt", List.of(rest));
                }
                continue;
            }
            kept.put(e.getKey(), e.getValue());
        }
        var sb = new StringBuilder(PATH);
        char sep = '?';
        for (var e : kept.entrySet()) {
            for (String v : e.getValue()) {
                sb.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
                sep = '&';
            }
        }
        return sb.toString();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
