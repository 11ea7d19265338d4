package dev.tollgate.server.account;

import dev.tollgate.core.oauth.Permissions;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import java.util.Map;

/** {@code /account/permissions}: the applications with access to the person's account, and removing one. */
public final class PermissionsPage {
    public static final String PATH = "/account/permissions";

    private final Permissions permissions;
    private final Sessions sessions;
    private final Pages pages;

    public PermissionsPage(Permissions permissions, Sessions sessions, Pages pages) {
        this.permissions = permissions;
        this.sessions = sessions;
        this.pages = pages;
    }

    public void register(Javalin app) {
        pages.get(app, PATH, ctx -> {
            SignedIn person = sessions.requireSignIn(ctx);
            String notice = "removed".equals(ctx.queryParam("done")) ? "Access removed." : null;
            pages.render(ctx, "permissions.jte", pages.page(ctx, "Apps with access to your account"),
                    Map.of("apps", permissions.list(person.user().userId()), "notice", notice == null ? "" : notice));
        });
        pages.post(app, PATH + "/remove", (ctx, form) -> {
            SignedIn person = sessions.requireSignIn(ctx, PATH);
            permissions.remove(person.user().userId(), form.text("client_id"));
            pages.redirect(ctx, PATH + "?done=removed");
        });
    }
}
