package dev.tollgate.server.console;

import dev.tollgate.core.oauth.OAuthClient;

/** An OAuth client's edit form: as stored, or as sent and shown again after a refusal with what the person typed. */
public record ClientEditForm(String displayName, String redirectUris, String javascriptOrigins, String error) {
    static ClientEditForm of(OAuthClient client) {
        return new ClientEditForm(client.displayName(), String.join("\n", client.redirectUris()), String.join("\n", client.javascriptOrigins()),
                null);
    }
}
