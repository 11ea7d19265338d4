package dev.tollgate.core.key;

import java.time.Instant;

/** A stored API key: its secret exists only as {@code keyHash}. */
public record ApiKey(String keyId, String projectId, String displayName, KeyRestrictions restrictions,
                     Instant createTime, String keyHash) {

    public String name() {
        return "projects/" + projectId + "/keys/" + keyId;
    }

    public ApiKey with(String newDisplayName, KeyRestrictions newRestrictions) {
        return new ApiKey(keyId, projectId, newDisplayName, newRestrictions, createTime, keyHash);
    }
}
