package dev.tollgate.server.oauth;

import dev.tollgate.core.oauth.DeviceAuthorization;
import dev.tollgate.core.oauth.DeviceFlow;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.core.oauth.ScopeDescriptions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.SignInThrottle;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /device} (RFC 8628 §3.3): a signed-in person types the code their device shows, sees what
 * it asks for, and allows or denies it. Wrong codes count against the person and the address, so
 * that codes cannot be guessed.
 */
public final class DevicePages {
    private final DeviceFlow devices;
    private final OAuthClientRepository clients;
    private final OAuthClientService clientService;
    private final ProjectRepository projects;
    private final ScopeDescriptions descriptions;
    private final Sessions sessions;
    private final Pages pages;
    private final SignInThrottle guesses;
    private final Function<Context, InetAddress> addresses;

    public DevicePages(DeviceFlow devices, OAuthClientRepository clients, OAuthClientService clientService, ProjectRepository projects,
                       ScopeDescriptions descriptions, Sessions sessions, Pages pages, SignInThrottle guesses,
                       Function<Context, InetAddress> addresses) {
        this.devices = devices;
        this.clients = clients;
        this.clientService = clientService;
        this.projects = projects;
        this.descriptions = descriptions;
        this.sessions = sessions;
        this.pages = pages;
        this.guesses = guesses;
        this.addresses = addresses;
    }

    public void register(Javalin app) {
        pages.get(app, "/device", ctx -> {
            sessions.requireSignIn(ctx);
            enterCode(ctx, FormFields.ofQuery(ctx).text("user_code"), null);
        });
        pages.post(app, "/device", (ctx, form) -> {
            SignedIn person = sessions.requireSignIn(ctx, "/device");
            String typed = form.text("user_code");
            String account = "device:" + person.user().userId();
            InetAddress address = addresses.apply(ctx);
            if (guesses.isBlocked(account, address)) {
                enterCode(ctx, typed, "Too many wrong codes. Wait a few minutes, then try again.");
                return;
            }
            Optional<DeviceAuthorization> pending = devices.pending(typed);
            Optional<OAuthClient> client = pending.flatMap(d -> clients.find(d.clientId()));
            if (pending.isEmpty() || client.isEmpty()) {
                guesses.recordFailure(account, address);
                enterCode(ctx, typed, "That code is not valid or has expired. Check the code on your device.");
                return;
            }
            var model = new LinkedHashMap<String, Object>();
            model.put("userCode", pending.get().userCode());
            model.put("email", person.user().email());
            model.put("application", clientService.consentScreenOf(projects.find(client.get().projectId()).orElseThrow()).applicationName());
            model.put("scopes", pending.get().scopes().values().stream().map(descriptions::describe).toList());
            pages.render(ctx, "device-consent.jte", pages.page(ctx, "Allow this device?"), model);
        });
        pages.post(app, "/device/decision", (ctx, form) -> {
            SignedIn signedIn = sessions.requireSignIn(ctx, "/device");
            boolean allow = form.text("decision").equals("allow");
            var person = new Person(signedIn.user().userId(), signedIn.user().email(), signedIn.authTime());
            boolean decided = devices.decide(form.text("user_code"), person, allow);
            if (!decided) dev.tollgate.server.audit.AuditNotes.refused(ctx, "USER_CODE_INVALID");
            String message = !decided ? "That code is not valid any more. Start again on your device."
                    : allow ? "Done. You can return to your device." : "You denied access. You can close this page.";
            pages.render(ctx, "device-done.jte", pages.page(ctx, decided && allow ? "Device allowed" : "Device not allowed"),
                    java.util.Map.of("message", message));
        });
    }

    private void enterCode(Context ctx, String userCode, String error) {
        var model = new LinkedHashMap<String, Object>();
        model.put("userCode", userCode == null ? "" : userCode);
        model.put("error", error);
        pages.render(ctx, error == null ? 200 : 400, "device.jte", pages.page(ctx, "Connect a device"), model);
    }
}
