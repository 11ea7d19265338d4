package dev.tollgate.core.serviceaccount;

import java.time.Instant;

public record ServiceAccount(String email, String uniqueId, String projectId, String displayName, boolean disabled, Instant createTime) {

    public static final String EMAIL_DOMAIN_SUFFIX = ".iam";

    public static String emailOf(String accountId, String projectId) {
        return accountId + "@" + projectId + EMAIL_DOMAIN_SUFFIX;
    }
}
