package dev.tollgate.core.serviceaccount;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Service accounts of a project and their keys. */
public final class ServiceAccountService {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final int MAX_KEYS_PER_ACCOUNT = 10;

    private final ServiceAccountRepository accounts;
    private final ProjectPermissions permissions;
    private final InvalidationBus bus;
    private final RevokedAccessTokens tokens;
    private final Issuer issuer;
    private final Clock clock;

    public ServiceAccountService(ServiceAccountRepository accounts, ProjectPermissions permissions, InvalidationBus bus,
                                 RevokedAccessTokens tokens, Issuer issuer, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.permissions = permissions;
        this.bus = bus;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A new key and its key file, which holds the only copy of the private key. */
    public record CreatedKey(ServiceAccountKey key, ServiceAccountKeyFile keyFile) {}

    public ServiceAccount create(Principal caller, String projectId, String accountId, String displayName) {
        permissions.require(caller, projectId, Role.EDITOR);
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw ApiError.INVALID_ARGUMENT.exception(
                    "accountId must be 6 to 30 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen.");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.INVALID_ARGUMENT.exception("displayName must be at most 100 printable characters.");
        }
        return createUnchecked(projectId, accountId, name);
    }

    /** Creates an account without a caller, for the platform's own bootstrap. */
    public ServiceAccount createUnchecked(String projectId, String accountId, String displayName) {
        var account = new ServiceAccount(ServiceAccount.emailOf(accountId, projectId), Secrets.randomDigits(21), projectId,
                displayName, false, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            accounts.insert(account);
        } catch (DuplicateException e) {
            throw ApiError.ALREADY_EXISTS.exception("Service account " + account.email() + " already exists.");
        }
        changed();
        return account;
    }

    public List<ServiceAccount> list(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return accounts.list(projectId);
    }

    public ServiceAccount get(Principal caller, String projectId, String email) {
        permissions.require(caller, projectId, Role.VIEWER);
        return find(projectId, email);
    }

    public void delete(Principal caller, String projectId, String email) {
        permissions.require(caller, projectId, Role.EDITOR);
        ServiceAccount account = find(projectId, email);
        tokens.revokeSubject(account.uniqueId());
        accounts.delete(email);
        changed();
        bus.publish(new Invalidation.AllTokens());
    }

    public ServiceAccount setDisabled(Principal caller, String projectId, String email, boolean disabled) {
        permissions.require(caller, projectId, Role.EDITOR);
        ServiceAccount account = find(projectId, email);
        accounts.setDisabled(email, disabled);
        changed();
        if (disabled) {
            tokens.revokeSubject(account.uniqueId());
            bus.publish(new Invalidation.AllTokens());
        }
        return find(projectId, email);
    }

    public CreatedKey createKey(Principal caller, String projectId, String email) {
        permissions.require(caller, projectId, Role.EDITOR);
        return createKeyUnchecked(find(projectId, email));
    }

    public CreatedKey createKeyUnchecked(ServiceAccount account) {
        checkKeyLimit(account.email());
        KeyPair pair = KeyMaterial.generateRsa2048();
        ServiceAccountKey key = store(account, (RSAPublicKey) pair.getPublic(), ServiceAccountKey.Origin.GENERATED);
        var file = new ServiceAccountKeyFile(ServiceAccountKeyFile.TYPE, account.projectId(), key.keyId(),
                KeyMaterial.privateKeyPem(pair.getPrivate()), account.email(), account.uniqueId(),
                issuer.authUri(), issuer.tokenUri(), issuer.x509CertsUri(), issuer.serviceAccountX509Uri(account.email()));
        return new CreatedKey(key, file);
    }

    public ServiceAccountKey uploadKey(Principal caller, String projectId, String email, String publicKeyPem) {
        permissions.require(caller, projectId, Role.EDITOR);
        ServiceAccount account = find(projectId, email);
        checkKeyLimit(email);
        return store(account, KeyMaterial.parsePublicKey(publicKeyPem), ServiceAccountKey.Origin.UPLOADED);
    }

    public List<ServiceAccountKey> listKeys(Principal caller, String projectId, String email) {
        permissions.require(caller, projectId, Role.VIEWER);
        find(projectId, email);
        return accounts.listKeys(email);
    }

    public ServiceAccountKey getKey(Principal caller, String projectId, String email, String keyId) {
        permissions.require(caller, projectId, Role.VIEWER);
        find(projectId, email);
        return findKey(email, keyId);
    }

    public ServiceAccountKey setKeyDisabled(Principal caller, String projectId, String email, String keyId, boolean disabled) {
        permissions.require(caller, projectId, Role.EDITOR);
        find(projectId, email);
        findKey(email, keyId);
        accounts.setKeyDisabled(keyId, disabled);
        changed();
        return findKey(email, keyId);
    }

    public void deleteKey(Principal caller, String projectId, String email, String keyId) {
        permissions.require(caller, projectId, Role.EDITOR);
        find(projectId, email);
        findKey(email, keyId);
        accounts.deleteKey(keyId);
        changed();
    }

    private ServiceAccountKey store(ServiceAccount account, RSAPublicKey publicKey, ServiceAccountKey.Origin origin) {
        var key = new ServiceAccountKey(Secrets.randomHex(20), account.email(), publicKey, origin, false,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        accounts.insertKey(key);
        changed();
        return key;
    }

    /** Every node's token endpoint reads accounts and keys through a cache ({@link CachedServiceAccounts}). */
    private void changed() {
        bus.publish(new Invalidation.ServiceAccounts());
    }

    private void checkKeyLimit(String email) {
        if (accounts.listKeys(email).size() >= MAX_KEYS_PER_ACCOUNT) {
            throw ApiError.FAILED_PRECONDITION.exception("A service account can have at most " + MAX_KEYS_PER_ACCOUNT + " keys; delete one first.");
        }
    }

    private ServiceAccount find(String projectId, String email) {
        return accounts.find(email).filter(a -> a.projectId().equals(projectId))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Service account " + email + " not found in project " + projectId + "."));
    }

    private ServiceAccountKey findKey(String email, String keyId) {
        return accounts.findKey(keyId).filter(k -> k.email().equals(email))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Key " + keyId + " not found for " + email + "."));
    }
}
