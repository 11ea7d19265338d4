package dev.tollgate.core.oauth;

import java.util.Optional;

/** What the consent page and the permissions page show for a project's clients. */
public record ConsentScreen(String projectId, String applicationName, Optional<String> supportEmail, Optional<String> homepage) {}
