package dev.tollgate.core.key;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ApiError;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, lists, restricts and deletes a project's API keys. */
public final class ApiKeyService {
    private static final int MAX_DISPLAY_NAME = 100;

    private final ApiKeyRepository keys;
    private final ProjectPermissions permissions;
    private final ApiCatalog catalog;
    private final InvalidationBus bus;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository keys, ProjectPermissions permissions, ApiCatalog catalog, InvalidationBus bus, Clock clock) {
        this.keys = keys;
        this.permissions = permissions;
        this.catalog = catalog;
        this.bus = bus;
        this.clock = clock;
    }

    /** A new key and the only copy of its secret there will ever be. */
    public record CreatedKey(ApiKey key, String keyString) {}

    public CreatedKey create(Principal caller, String projectId, String displayName, KeyRestrictions restrictions) {
        permissions.require(caller, projectId, Role.EDITOR);
        String keyString = Secrets.generate(SecretKind.API_KEY);
        var key = new ApiKey(UUID.randomUUID().toString(), projectId, cleanDisplayName(displayName),
                checked(restrictions), clock.instant().truncatedTo(ChronoUnit.MILLIS), Secrets.hash(keyString));
        keys.insert(key);
        return new CreatedKey(key, keyString);
    }

    public List<ApiKey> list(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return keys.list(projectId);
    }

    public ApiKey get(Principal caller, String projectId, String keyId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return find(projectId, keyId);
    }

    /** Changes what is given; a field left empty keeps its value. */
    public ApiKey update(Principal caller, String projectId, String keyId, Optional<String> displayName, Optional<KeyRestrictions> restrictions) {
        permissions.require(caller, projectId, Role.EDITOR);
        ApiKey current = find(projectId, keyId);
        ApiKey updated = current.with(
                displayName.map(this::cleanDisplayName).orElse(current.displayName()),
                restrictions.map(this::checked).orElse(current.restrictions()));
        keys.update(updated);
        bus.publish(new Invalidation.ApiKey(current.keyHash()));
        return updated;
    }

    public void delete(Principal caller, String projectId, String keyId) {
        permissions.require(caller, projectId, Role.EDITOR);
        ApiKey key = find(projectId, keyId);
        keys.delete(projectId, keyId);
        bus.publish(new Invalidation.ApiKey(key.keyHash()));
    }

    private ApiKey find(String projectId, String keyId) {
        return keys.find(projectId, keyId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Key " + keyId + " not found in project " + projectId + "."));
    }

    private KeyRestrictions checked(KeyRestrictions restrictions) {
        KeyRestrictions valid = (restrictions == null ? KeyRestrictions.NONE : restrictions).validate();
        for (KeyRestrictions.ApiTarget target : valid.apiTargets()) {
            var api = catalog.apis().stream().filter(a -> a.name().equals(target.service())).findFirst()
                    .orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("restrictions.apiTargets: unknown service " + target.service() + "."));
            for (String method : target.methods() == null ? List.<String>of() : target.methods()) {
                if (api.methods().stream().noneMatch(m -> m.id().equals(method))) {
                    throw ApiError.INVALID_ARGUMENT.exception("restrictions.apiTargets: unknown method " + method + " of service " + target.service() + ".");
                }
            }
        }
        return valid;
    }

    private String cleanDisplayName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.length() > MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.INVALID_ARGUMENT.exception("displayName must be at most 100 printable characters.");
        }
        return name;
    }
}
