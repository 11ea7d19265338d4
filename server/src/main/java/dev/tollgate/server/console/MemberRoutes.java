package dev.tollgate.server.console;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A project's IAM page: its members and their roles, and what each role may do. Owners add a
 * member, change a role and remove a member (after a confirmation), through the admin API's
 * {@code projects.members.set} and {@code projects.members.delete}; the service keeps one owner.
 */
final class MemberRoutes {
    private final Console console;

    MemberRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        console.pages().get(app, ConsoleAudit.SET_MEMBER, ctx -> {
            SignedIn who = console.person(ctx);
            show(ctx, who, console.project(ctx, who, "iam"), 200, MemberForm.EMPTY);
        });
        console.pages().post(app, ConsoleAudit.SET_MEMBER, this::set);
        console.pages().get(app, ConsoleAudit.REMOVE_MEMBER, this::confirmRemove);
        console.pages().post(app, ConsoleAudit.REMOVE_MEMBER, this::remove);
    }

    private void show(Context ctx, SignedIn who, ProjectNav nav, int status, MemberForm form) {
        String projectId = nav.project().projectId();
        List<ProjectMember> members = Console.call(() -> console.projects().members(Console.principal(who), projectId)).stream()
                .sorted(Comparator.comparing(ProjectMember::role).reversed().thenComparing(m -> m.member().toString())).toList();
        String notice = switch (FormFields.ofQuery(ctx).text("done")) {
            case "set" -> "The member's role was saved.";
            case "removed" -> "The member was removed from the project.";
            default -> "";
        };
        console.render(ctx, status, "console/iam.jte", "IAM", Map.of("email", who.user().email(), "nav", nav,
                "members", Paging.of(members, ctx.queryParam("page"), nav.base() + "/iam"),
                "owner", console.holds(who, projectId, Role.OWNER), "form", form, "notice", notice,
                "abilities", RoleAbility.ALL, "roles", RoleAbility.roles()));
    }

    private void set(Context ctx, FormFields fields) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/iam");
        ProjectNav nav = console.project(ctx, who, "iam");
        var form = new MemberForm(fields.text("member"), fields.text("role"), null);
        try {
            Member member = Console.call(form::parsed);
            Role role = Console.call(() -> Role.parse(form.role()));
            String resource = "projects/" + projectId + "/members/" + member;
            console.act(ctx, who, "projects.members.set", projectId, m -> resource, resource,
                    () -> console.projects().putMember(Console.principal(who), projectId, member, role));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            show(ctx, who, nav, e.status(), new MemberForm(form.member(), form.role(), e.getMessage()));
            return;
        }
        console.pages().redirect(ctx, nav.base() + "/iam?done=set");
    }

    private void confirmRemove(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "iam");
        if (!console.holds(who, nav.project().projectId(), Role.OWNER)) {
            throw PageError.forbidden("Only the project's owners can remove members.");
        }
        Member member = Console.call(() -> Member.parse(ctx.pathParam("member")));
        var confirmation = new Confirmation("Remove " + member.email() + " from the project?",
                "They lose their role on " + nav.project().displayName() + " at once: they can no longer see or change it.",
                ctx.path(), "Remove the member", nav.base() + "/iam");
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void remove(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/iam");
        Member member = Console.call(() -> Member.parse(ctx.pathParam("member")));
        String resource = "projects/" + projectId + "/members/" + member;
        try {
            console.act(ctx, who, "projects.members.delete", projectId, r -> resource, resource, () -> {
                console.projects().removeMember(Console.principal(who), projectId, member);
                return resource;
            });
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            show(ctx, who, console.project(ctx, who, "iam"), 400, new MemberForm("", "viewer", e.getMessage()));
            return;
        }
        console.pages().redirect(ctx, "/console/projects/" + projectId + "/iam?done=removed");
    }
}
