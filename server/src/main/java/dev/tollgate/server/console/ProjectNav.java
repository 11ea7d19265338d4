package dev.tollgate.server.console;

import dev.tollgate.core.project.Project;
import java.util.List;

/**
 * The project a console page is about, for its left navigation.
 *
 * @param canEdit whether the person's role lets them change the project: pages show their buttons only then
 * @param section the navigation entry of the page: {@code overview}, {@code dashboard}, {@code apis}, {@code credentials},
 *                {@code iam}, {@code activity}, {@code consentScreen}, {@code quotas} or {@code billing}
 * @param picker  the person's projects, for the project picker in the header
 */
public record ProjectNav(Project project, boolean canEdit, String section, List<Project> picker) {
    public ProjectNav {
        picker = List.copyOf(picker);
    }

    public ProjectNav(Project project, boolean canEdit, String section) {
        this(project, canEdit, section, List.of(project));
    }

    public String base() {
        return "/console/projects/" + project.projectId();
    }

    /** {@code aria-current} of a navigation entry: "page" on its own page, none (null) elsewhere. */
    public String current(String entry) {
        return entry.equals(section) ? "page" : null;
    }
}
