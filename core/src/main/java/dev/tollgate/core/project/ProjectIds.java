package dev.tollgate.core.project;

import dev.tollgate.protocol.ApiError;
import java.util.regex.Pattern;

/** Project ids follow Google's rules: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen. */
public final class ProjectIds {
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private ProjectIds() {}

    public static boolean isValid(String projectId) {
        return projectId != null && PROJECT_ID.matcher(projectId).matches();
    }

    public static String require(String projectId) {
        if (!isValid(projectId)) {
            throw ApiError.INVALID_ARGUMENT.exception(
                    "Invalid project id: it must be 6 to 30 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen.");
        }
        return projectId;
    }
}
