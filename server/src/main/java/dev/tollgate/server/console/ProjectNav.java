package dev.tollgate.server.console;

import dev.tollgate.core.project.Project;

/**
 * The project a console page is about, for its left navigation.
 *
 * @param canEdit whether the person's role lets them change the project: pages show their buttons only then
 * @param section the navigation entry of the page: {@code overview}, {@code dashboard}, {@code apis}, {@code credentials},
 *                {@code consentScreen}, {@code quotas} or {@code billing}
 */
public record ProjectNav(Project project, boolean canEdit, String section) {
    public String base() {
        return "/console/projects/" + project.projectId();
    }

    /** {@code aria-current} of a navigation entry: "page" on its own page, none (null) elsewhere. */
    public String current(String entry) {
        return entry.equals(section) ? "page" : null;
    }
}
