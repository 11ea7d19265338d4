package dev.tollgate.core.oauth;

import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.throttle.Throttled;
import dev.tollgate.core.throttle.ThrottledAction;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code /device} pages ask of the domain (RFC 8628 §3.3): check a code a signed-in person
 * typed and describe what its device asks for, then record the person's decision. Every entry is
 * counted per address, per person and globally ({@link ThrottledAction#DEVICE_CODE}), and wrong
 * codes once more ({@link ThrottledAction#DEVICE_CODE_GUESS}), so that codes cannot be guessed.
 */
public final class DeviceVerification {
    private final DeviceFlow devices;
    private final OAuthClientRepository clients;
    private final OAuthClientService clientService;
    private final ProjectRepository projects;
    private final ScopeDescriptions descriptions;
    private final ActionThrottle throttle;

    public DeviceVerification(DeviceFlow devices, OAuthClientRepository clients, OAuthClientService clientService,
                              ProjectRepository projects, ScopeDescriptions descriptions, ActionThrottle throttle) {
        this.devices = devices;
        this.clients = clients;
        this.clientService = clientService;
        this.projects = projects;
        this.descriptions = descriptions;
        this.throttle = throttle;
    }

    /** The answer to a typed code. */
    public sealed interface CodeCheck {}

    /**
     * What the consent page shows: the application, the code, the account, and the scopes in the catalog's words;
     * {@code asksForAdmin} when the device wants the admin scope, so the page warns against a code someone else sent
     * (RFC 8628 §5.4, remote phishing).
     */
    public record Consent(String userCode, String email, String application, List<String> scopes, boolean asksForAdmin)
            implements CodeCheck {}

    /** The code was refused: the person reads {@code message}; {@code retryAfter} is set when they must wait. */
    public record Refused(String message, Optional<Duration> retryAfter) implements CodeCheck {}

    /** The person's decision: {@code decided} is false when the code was no longer pending. */
    public record Decision(boolean decided, boolean allowed, String message) {}

    /** A signed-in person typed {@code typed} from {@code client}. */
    public CodeCheck check(String typed, Person person, InetAddress client) {
        try {
            throttle.admit(ThrottledAction.DEVICE_CODE, client, Optional.of(person.userId()));
            ActionThrottle.Admission guess = throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, client, Optional.of(person.userId()));
            Optional<DeviceAuthorization> pending = devices.pending(typed);
            Optional<OAuthClient> owner = pending.flatMap(d -> clients.find(d.clientId()));
            if (pending.isEmpty() || owner.isEmpty()) {
                return new Refused("That code is not valid or has expired. Check the code on your device.", Optional.empty());
            }
            guess.giveBack();
            String application = projects.find(owner.get().projectId()).map(project -> clientService.consentScreenOf(project))
                    .map(ConsentScreen::applicationName).orElse(owner.get().clientId());
            return new Consent(pending.get().userCode(), person.email(), application,
                    pending.get().scopes().values().stream().map(descriptions::describe).toList(),
                    pending.get().scopes().contains(KnownScopes.ADMIN));
        } catch (Throttled e) {
            return new Refused(e.getMessage(), Optional.of(e.retryAfter()));
        }
    }

    /**
     * The person allows or denies the device showing {@code userCode}. A code that is not pending
     * counts as a wrong guess too: the decision form must not be a way round the code check.
     *
     * @throws Throttled when the person or the address has posted too often
     */
    public Decision decide(String userCode, Person person, boolean allow, InetAddress client) {
        throttle.admit(ThrottledAction.DEVICE_CODE, client, Optional.of(person.userId()));
        ActionThrottle.Admission guess = throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, client, Optional.of(person.userId()));
        boolean decided = devices.decide(userCode, person, allow);
        if (decided) {
            guess.giveBack();
        }
        String message = !decided ? "That code is not valid any more. Start again on your device."
                : allow ? "Done. You can return to your device." : "You denied access. You can close this page.";
        return new Decision(decided, decided && allow, message);
    }
}
