package dev.tollgate.server.console;

import dev.tollgate.core.project.Project;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /}: the person's projects (the project picker), a new project, and a project's overview. */
final class ProjectRoutes {
    private final Console console;

    ProjectRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        console.pages().get(app, "/", this::home);
        console.pages().get(app, "/console/projects/new", ctx -> newProject(ctx, console.person(ctx), "", "", null, 200));
        console.pages().post(app, ConsoleAudit.PROJECTS, this::create);
        console.pages().get(app, "/console/projects/{p}", this::overview);
        console.pages().get(app, "/console/open", this::open);
    }

    private void home(Context ctx) {
        SignedIn who = console.person(ctx);
        List<Project> projects = Console.call(() -> console.projects().list(Console.principal(who))).stream()
                .sorted(Comparator.comparing(Project::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(Project::projectId)).toList();
        console.render(ctx, 200, "console/home.jte", "Your projects",
                Map.of("email", who.user().email(), "projects", Paging.of(projects, ctx.queryParam("page"), "/"),
                        "platformAdmin", console.projects().permissions().isPlatformAdmin(Console.principal(who))));
    }

    /** The header's project picker, without JavaScript: a GET form naming the project to open. */
    private void open(Context ctx) {
        console.person(ctx);
        String projectId = FormFields.ofQuery(ctx).text("project");
        if (!dev.tollgate.core.project.ProjectIds.isValid(projectId)) {
            throw PageError.badRequest("Choose a project to open.");
        }
        console.pages().redirect(ctx, "/console/projects/" + projectId, 303);
    }

    private void newProject(Context ctx, SignedIn who, String projectId, String displayName, String error, int status) {
        var form = new IdForm(projectId, displayName, error);
        console.render(ctx, status, "console/new-project.jte", "New project", Map.of("email", who.user().email(), "form", form));
    }

    private void create(Context ctx, FormFields form) {
        SignedIn who = console.person(ctx, "/console/projects/new");
        String projectId = form.text("project_id").strip();
        String displayName = form.text("display_name");
        Project project;
        try {
            project = console.act(ctx, who, "projects.create", projectId, p -> "projects/" + p.projectId(), "projects/" + projectId,
                    () -> console.projects().create(Console.principal(who), projectId, displayName));
        } catch (PageError e) {
            newProject(ctx, who, projectId, displayName, e.getMessage(), e.status());
            return;
        }
        console.pages().redirect(ctx, "/console/projects/" + project.projectId() + "?created=1");
    }

    private void overview(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "overview");
        String notice = ctx.queryParam("created") != null ? "Project " + nav.project().projectId() + " was created." : "";
        console.render(ctx, 200, "console/project.jte", nav.project().displayName(),
                Map.of("email", who.user().email(), "nav", nav, "notice", notice));
    }
}
