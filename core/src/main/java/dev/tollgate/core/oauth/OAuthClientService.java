package dev.tollgate.core.oauth;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ClientSecretFile;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A project's OAuth clients, their secrets and its consent-screen identity. */
public final class OAuthClientService {
    private static final int MAX_URIS = 100;
    private static final int MAX_SECRETS = 2;
    private static final String INSTALLED_LOOPBACK = "http://localhost";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}");

    private final OAuthClientRepository clients;
    private final ProjectPermissions permissions;
    private final TokenRevoker revoker;
    private final Issuer issuer;
    private final InvalidationBus bus;
    private final Clock clock;

    /** @param bus told when a client comes or goes, for the caches of registered JavaScript origins */
    public OAuthClientService(OAuthClientRepository clients, ProjectPermissions permissions, TokenRevoker revoker, Issuer issuer,
                              InvalidationBus bus, Clock clock) {
        this.clients = clients;
        this.bus = bus;
        this.permissions = permissions;
        this.revoker = revoker;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A new client (or secret) and the only copy of its secret there will ever be. */
    public record CreatedClient(OAuthClient client, ClientSecret secretRecord, String secret, ClientSecretFile file) {}

    public record NewSecret(ClientSecret record, String secret) {}

    public CreatedClient create(Principal caller, String projectId, ClientType type, String displayName,
                                List<String> redirectUris, List<String> javascriptOrigins) {
        Project project = permissions.require(caller, projectId, Role.EDITOR);
        String name = displayName(displayName);
        List<String> redirects = redirectUris == null ? List.of() : redirectUris;
        List<String> origins = javascriptOrigins == null ? List.of() : javascriptOrigins;
        requireRegistrable(type, redirects, origins);
        String clientId = project.projectNumber() + "-" + Secrets.randomBase62(32).toLowerCase(Locale.ROOT) + ".apps.tollgate";
        var client = new OAuthClient(clientId, projectId, type, name, redirects, origins, now());
        clients.insert(client);
        bus.publish(new Invalidation.OAuthClients());
        NewSecret secret = newSecret(clientId);
        List<String> fileRedirects = type == ClientType.INSTALLED ? installedRedirects(redirects) : redirects;
        var details = new ClientSecretFile.Details(clientId, projectId, issuer.authUri(), issuer.tokenUri(), issuer.x509CertsUri(),
                secret.secret(), fileRedirects.isEmpty() ? null : fileRedirects, origins.isEmpty() ? null : origins);
        var file = type == ClientType.WEB ? new ClientSecretFile(details, null) : new ClientSecretFile(null, details);
        return new CreatedClient(client, secret.record(), secret.secret(), file);
    }

    /**
     * Changes what is given of a client's name, redirect URIs and JavaScript origins; what is left
     * empty stays as it is. The URIs are checked as at creation: a redirect URI then matches only as
     * registered, so the new list replaces the old one whole.
     */
    public OAuthClient update(Principal caller, String projectId, String clientId, Optional<String> displayName,
                              Optional<List<String>> redirectUris, Optional<List<String>> javascriptOrigins) {
        permissions.require(caller, projectId, Role.EDITOR);
        OAuthClient current = find(projectId, clientId);
        String name = displayName.map(OAuthClientService::displayName).orElse(current.displayName());
        List<String> redirects = redirectUris.orElse(current.redirectUris());
        List<String> origins = javascriptOrigins.orElse(current.javascriptOrigins());
        requireRegistrable(current.type(), redirects, origins);
        var updated = new OAuthClient(clientId, projectId, current.type(), name, redirects, origins, current.createTime());
        clients.update(updated);
        // Every node's caches of clients and of registered origins forget the old lists.
        bus.publish(new Invalidation.OAuthClients());
        return updated;
    }

    private static String displayName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.INVALID_ARGUMENT.exception("displayName must be at most 100 printable characters.");
        }
        return name;
    }

    private static void requireRegistrable(ClientType type, List<String> redirects, List<String> origins) {
        if (redirects.size() > MAX_URIS || origins.size() > MAX_URIS) {
            throw ApiError.INVALID_ARGUMENT.exception("At most " + MAX_URIS + " redirect URIs and origins.");
        }
        redirects.forEach(u -> RedirectUris.validateForRegistration(type, u));
        if (type == ClientType.INSTALLED && !origins.isEmpty()) {
            throw ApiError.INVALID_ARGUMENT.exception("javascriptOrigins are for web applications.");
        }
        origins.forEach(RedirectUris::validateOrigin);
    }

    /**
     * Google's installed clients carry {@code http://localhost} first: their libraries take the loopback
     * redirect from it (any port and path is accepted without registration), then the registered ones.
     */
    private static List<String> installedRedirects(List<String> registered) {
        var all = new java.util.ArrayList<String>();
        all.add(INSTALLED_LOOPBACK);
        registered.stream().filter(u -> !u.equals(INSTALLED_LOOPBACK)).forEach(all::add);
        return List.copyOf(all);
    }

    public List<OAuthClient> list(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return clients.list(projectId);
    }

    public OAuthClient get(Principal caller, String projectId, String clientId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return find(projectId, clientId);
    }

    /** Deleting a client ends every grant and token it holds. */
    public void delete(Principal caller, String projectId, String clientId) {
        permissions.require(caller, projectId, Role.EDITOR);
        find(projectId, clientId);
        revoker.revokeClient(clientId);
        clients.delete(clientId);
        bus.publish(new Invalidation.OAuthClients());
    }

    public List<ClientSecret> secrets(Principal caller, String projectId, String clientId) {
        permissions.require(caller, projectId, Role.VIEWER);
        find(projectId, clientId);
        return clients.secrets(clientId);
    }

    /** Rotation: a second secret while the first still works; the old one ends when deleted. */
    public NewSecret addSecret(Principal caller, String projectId, String clientId) {
        permissions.require(caller, projectId, Role.EDITOR);
        find(projectId, clientId);
        if (clients.secrets(clientId).size() >= MAX_SECRETS) {
            throw ApiError.FAILED_PRECONDITION.exception("A client has at most " + MAX_SECRETS + " secrets; delete the old one first.");
        }
        NewSecret added = newSecret(clientId);
        bus.publish(new Invalidation.OAuthClients());
        return added;
    }

    public void deleteSecret(Principal caller, String projectId, String clientId, String secretId) {
        permissions.require(caller, projectId, Role.EDITOR);
        find(projectId, clientId);
        if (!clients.deleteSecret(clientId, secretId)) {
            throw ApiError.NOT_FOUND.exception("Secret " + secretId + " not found.");
        }
        // A deleted secret stops working on every node at once: their client caches are emptied.
        bus.publish(new Invalidation.OAuthClients());
    }

    public ConsentScreen consentScreen(Principal caller, String projectId) {
        Project project = permissions.require(caller, projectId, Role.VIEWER);
        return consentScreenOf(project);
    }

    public ConsentScreen updateConsentScreen(Principal caller, String projectId, Optional<String> applicationName,
                                             Optional<String> supportEmail, Optional<String> homepage) {
        Project project = permissions.require(caller, projectId, Role.EDITOR);
        ConsentScreen current = consentScreenOf(project);
        String name = applicationName.map(String::strip).orElse(current.applicationName());
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.INVALID_ARGUMENT.exception("applicationName must be 1 to 100 printable characters.");
        }
        Optional<String> email = supportEmail.isPresent() ? supportEmail.filter(s -> !s.isEmpty()) : current.supportEmail();
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw ApiError.INVALID_ARGUMENT.exception("supportEmail is not an email address.");
        }
        Optional<String> home = homepage.isPresent() ? homepage.filter(s -> !s.isEmpty()) : current.homepage();
        if (home.isPresent() && !(home.get().startsWith("https://") || home.get().startsWith("http://")) ) {
            throw ApiError.INVALID_ARGUMENT.exception("homepage must be an http(s) URL.");
        }
        home.ifPresent(h -> {
            try {
                if (h.length() > 2000 || new java.net.URI(h).getHost() == null) {
                    throw ApiError.INVALID_ARGUMENT.exception("homepage must be an http(s) URL.");
                }
            } catch (java.net.URISyntaxException e) {
                throw ApiError.INVALID_ARGUMENT.exception("homepage must be an http(s) URL.");
            }
        });
        var updated = new ConsentScreen(projectId, name, email, home);
        clients.putConsentScreen(updated);
        return updated;
    }

    /** The consent screen a person sees for a project; the project's name until one is set. */
    public ConsentScreen consentScreenOf(Project project) {
        return clients.consentScreen(project.projectId())
                .orElseGet(() -> new ConsentScreen(project.projectId(), project.displayName(), Optional.empty(), Optional.empty()));
    }

    private NewSecret newSecret(String clientId) {
        String secret = Secrets.generate(SecretKind.CLIENT_SECRET);
        var record = new ClientSecret(Secrets.randomHex(8), clientId, Secrets.hash(secret), now());
        clients.insertSecret(record);
        return new NewSecret(record, secret);
    }

    private OAuthClient find(String projectId, String clientId) {
        return clients.find(clientId).filter(c -> c.projectId().equals(projectId))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("OAuth client " + clientId + " not found in project " + projectId + "."));
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
