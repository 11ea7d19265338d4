package dev.tollgate.server.console;

import dev.tollgate.core.oauth.ConsentScreen;
import dev.tollgate.core.project.Project;
import dev.tollgate.server.pages.FormFields;
import java.util.Optional;

/**
 * The consent screen form as typed: what the page shows again after a refusal, and what the
 * preview is drawn from before it is saved.
 *
 * @param error the service's refusal, or null
 */
public record ConsentScreenForm(String applicationName, String supportEmail, String homepage, String error) {
    static ConsentScreenForm of(ConsentScreen screen) {
        return new ConsentScreenForm(screen.applicationName(), screen.supportEmail().orElse(""), screen.homepage().orElse(""), null);
    }

    static ConsentScreenForm of(FormFields fields) {
        return new ConsentScreenForm(fields.text("application_name"), fields.text("support_email"), fields.text("homepage"), null);
    }

    ConsentScreenForm refused(String message) {
        return new ConsentScreenForm(applicationName, supportEmail, homepage, message);
    }

    /**
     * The consent screen these fields would make, for the preview: a blank name is the project's
     * (as it is until one is saved), and a home page is linked only when it is a web address.
     */
    public ConsentScreen preview(Project project) {
        String name = applicationName.strip().isEmpty() ? project.displayName() : applicationName.strip();
        String home = homepage.strip();
        return new ConsentScreen(project.projectId(), name, Optional.of(supportEmail.strip()).filter(s -> !s.isEmpty()),
                Optional.of(home).filter(h -> h.startsWith("https://") || h.startsWith("http://")));
    }
}
