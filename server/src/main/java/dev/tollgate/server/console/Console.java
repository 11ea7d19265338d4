package dev.tollgate.server.console;

import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.projectadmin.ProjectService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.PageError;
import dev.tollgate.server.pages.Pages;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every console page shares: the signed-in person acting as a {@link Principal}, the
 * project they are on with what their role lets them do, and actions run through the domain
 * services (the admin API's) with their refusals turned into pages and every outcome audited.
 */
final class Console {
    private final Sessions sessions;
    private final Pages pages;
    private final ConsoleAudit audit;
    private final ProjectService projects;

    Console(Sessions sessions, Pages pages, ConsoleAudit audit, ProjectService projects) {
        this.sessions = sessions;
        this.pages = pages;
        this.audit = audit;
        this.projects = projects;
    }

    Pages pages() { return pages; }

    ProjectService projects() { return projects; }

    /** The signed-in person, or a redirect to the sign-in page that comes back to this page. */
    SignedIn person(Context ctx) {
        return sessions.requireSignIn(ctx);
    }

    /** For a form: the signed-in person, or the sign-in page that comes back to {@code page}. */
    SignedIn person(Context ctx, String page) {
        return sessions.requireSignIn(ctx, page);
    }

    static Principal principal(SignedIn who) {
        return new Principal.Person(who.user().userId(), who.user().email());
    }

    /**
     * The project of the page, which the person must at least view; {@code canEdit} is whether
     * their role lets them change it, which decides whether the page shows its buttons. The
     * services check the role again on every action.
     */
    ProjectNav project(Context ctx, SignedIn who, String section) {
        Principal caller = principal(who);
        Project project = call(() -> projects.get(caller, ctx.pathParam("p")));
        return new ProjectNav(project, holds(caller, project.projectId(), Role.EDITOR), section, picker(caller));
    }

    /** The header's project picker: the person's projects by name, the first {@value Paging#SIZE} of them. */
    private List<Project> picker(Principal caller) {
        return projects.list(caller).stream()
                .sorted(Comparator.comparing(Project::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(Project::projectId))
                .limit(Paging.SIZE).toList();
    }

    /** Whether the person holds {@code role} on the project (platform administrators hold every role). */
    boolean holds(SignedIn who, String projectId, Role role) {
        return holds(principal(who), projectId, role);
    }

    private boolean holds(Principal caller, String projectId, Role role) {
        try {
            projects.permissions().require(caller, projectId, role);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** Refuses, as the usage API does, a person whose role may not read the project's usage records. */
    void requireRecords(SignedIn who, String projectId) {
        call(() -> {
            projects.permissions().requireRecords(principal(who), projectId);
            return projectId;
        });
    }

    /** Runs a read; a refusal by the service is the error page with the service's words. */
    static <T> T call(Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            throw pageError(e);
        }
    }

    /**
     * Runs a change and records it in the audit log under the admin API's method name.
     *
     * @param resource the audited resource, from what the change returned (a created key's id)
     */
    <T> T act(Context ctx, SignedIn who, String method, String projectId, Function<T, String> resource, String refusedResource,
              Supplier<T> change) {
        return act(ctx, who, method, java.util.Optional.of(projectId), resource, refusedResource, change);
    }

    /** As {@link #act(Context, SignedIn, String, String, Function, String, Supplier)}; an empty project for a change outside projects. */
    <T> T act(Context ctx, SignedIn who, String method, java.util.Optional<String> projectId, Function<T, String> resource,
              String refusedResource, Supplier<T> change) {
        T result;
        try {
            result = change.get();
        } catch (ApiException e) {
            audit.record(ctx, who, method, projectId, refusedResource,
                    new AuditOutcome(e.error().httpStatus(), e.error().status(), java.util.Optional.of(e.error().reason())));
            throw pageError(e);
        }
        audit.record(ctx, who, method, projectId, resource.apply(result), AuditOutcome.ok(303));
        return result;
    }

    static PageError pageError(ApiException e) {
        int status = e.error().httpStatus();
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Already exists";
            default -> status >= 500 ? "Something went wrong" : "Something is wrong with this request";
        };
        return new PageError(status, title, e.getMessage());
    }

    void render(Context ctx, int status, String template, String title, Map<String, ?> params) {
        pages.render(ctx, status, template, pages.page(ctx, title), new HashMap<>(params));
    }
}
