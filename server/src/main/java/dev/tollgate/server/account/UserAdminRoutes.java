package dev.tollgate.server.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Set;

/** {@code POST /admin/v1/users} {@code {"email","password"}}: a platform administrator creates a person. */
public final class UserAdminRoutes {
    private final AdminAuthenticator auth;
    private final UserAccounts accounts;

    public UserAdminRoutes(AdminAuthenticator auth, UserAccounts accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/users", ctx -> {
            var caller = auth.principal(ctx);
            ObjectNode body = Json.object(ctx.body(), Set.of("email", "password"));
            User user;
            try {
                user = accounts.create(caller, Json.text(body, "email"), Json.text(body, "password"));
            } catch (AccountException e) {
                throw toApi(e);
            }
            var rendered = new LinkedHashMap<String, Object>();
            rendered.put("userId", user.userId());
            rendered.put("email", user.email());
            rendered.put("createTime", user.createTime().toString());
            ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(rendered));
        });
    }

    private static ApiException toApi(AccountException e) {
        return switch (e.problem()) {
            case EMAIL_TAKEN -> ApiError.ALREADY_EXISTS.exception(e.getMessage());
            case SERVER_BUSY -> ApiError.RATE_LIMIT_EXCEEDED.exception(e.getMessage());
            default -> ApiError.INVALID_ARGUMENT.exception(e.getMessage());
        };
    }
}
