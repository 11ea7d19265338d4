package dev.tollgate.core.oauth;

import java.time.Instant;
import java.util.List;

public record OAuthClient(String clientId, String projectId, ClientType type, String displayName,
                          List<String> redirectUris, List<String> javascriptOrigins, Instant createTime) {
    public OAuthClient {
        redirectUris = List.copyOf(redirectUris);
        javascriptOrigins = List.copyOf(javascriptOrigins);
    }

    public boolean isPublic() {
        return type == ClientType.INSTALLED;
    }
}
