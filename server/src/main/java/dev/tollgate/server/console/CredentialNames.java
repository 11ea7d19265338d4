package dev.tollgate.server.console;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's credentials as people know them: a key or an OAuth client by its name, a service
 * account by its address, each with its page. The ledger knows them by id only.
 */
final class CredentialNames {
    private final ApiKeyService keys;
    private final OAuthClientService clients;
    private final ServiceAccountService accounts;

    CredentialNames(ApiKeyService keys, OAuthClientService clients, ServiceAccountService accounts) {
        this.keys = keys;
        this.clients = clients;
        this.accounts = accounts;
    }

    /** The project's current credentials, keys first, each under its {@link MetricsFilter} value. */
    Map<String, CredentialName> of(Principal caller, String projectId, String base) {
        var named = new LinkedHashMap<String, CredentialName>();
        for (ApiKey k : Console.call(() -> keys.list(caller, projectId))) {
            put(named, new CredentialName(UsageCredential.of(CredentialKind.KEY, k.keyId()), "API key " + k.displayName(), base + "/keys/" + k.keyId()));
        }
        for (OAuthClient c : Console.call(() -> clients.list(caller, projectId))) {
            put(named, new CredentialName(UsageCredential.of(CredentialKind.CLIENT, c.clientId()), "OAuth client " + c.displayName(),
                    base + "/oauthClients/" + c.clientId()));
        }
        for (ServiceAccount a : Console.call(() -> accounts.list(caller, projectId))) {
            put(named, new CredentialName(UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, a.email()), "Service account " + a.email(),
                    base + "/serviceAccounts/" + a.email()));
        }
        return named;
    }

    /** A credential the ledger counted that is no longer in the project (deleted), or calls counted before credentials were. */
    static CredentialName unknown(UsageCredential credential) {
        String label = switch (credential.wireKind()) {
            case "key" -> "Deleted API key " + credential.id();
            case "client" -> "Deleted OAuth client " + credential.id();
            case "serviceAccount" -> "Deleted service account " + credential.id();
            default -> "Not recorded (calls counted before credentials were)";
        };
        return new CredentialName(credential, label, "");
    }

    private static void put(Map<String, CredentialName> named, CredentialName n) {
        named.put(MetricsFilter.value(n.credential()), n);
    }
}
