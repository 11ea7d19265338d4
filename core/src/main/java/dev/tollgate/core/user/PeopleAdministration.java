package dev.tollgate.core.user;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.protocol.ApiError;
import java.util.List;
import java.util.Locale;

/**
 * What platform administrators do to people's accounts besides creating them: list them, and
 * disable one (they can no longer sign in, and every session and token they hold ends at once) or
 * enable it again. An administrator cannot disable their own account, so that one is always left.
 */
public final class PeopleAdministration {
    private final UserRepository users;
    private final PersonSessions sessions;
    private final PersonTokenRevocation tokens;
    private final ProjectPermissions permissions;

    public PeopleAdministration(UserRepository users, PersonSessions sessions, PersonTokenRevocation tokens, ProjectPermissions permissions) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.permissions = permissions;
    }

    public List<User> list(Principal caller) {
        requireAdmin(caller);
        return users.list();
    }

    public User setDisabled(Principal caller, String email, boolean disabled) {
        requireAdmin(caller);
        User user = users.findByEmail(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("No account has the address " + email + "."));
        if (disabled && caller instanceof Principal.Person p && p.userId().equals(user.userId())) {
            throw ApiError.FAILED_PRECONDITION.exception("You cannot disable your own account.");
        }
        users.setDisabled(user.userId(), disabled);
        if (disabled) {
            sessions.deleteOthersOf(user.userId(), null);
            tokens.revokeEverythingOf(user.userId());
        }
        return new User(user.userId(), user.email(), user.passwordHash(), user.createTime(), disabled);
    }

    private void requireAdmin(Principal caller) {
        if (!permissions.isPlatformAdmin(caller)) {
            throw ApiError.PERMISSION_DENIED.exception("Only platform administrators can manage people.");
        }
    }
}
