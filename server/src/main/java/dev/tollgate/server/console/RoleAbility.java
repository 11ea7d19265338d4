package dev.tollgate.server.console;

import dev.tollgate.core.project.Role;
import java.util.List;

/**
 * One thing a project member may do, and the lowest role that may do it: the IAM page's table of
 * roles, in the words of what the admin API's routes require (docs/ADMIN-API.md, "Roles").
 */
public record RoleAbility(String what, Role lowest) {
    static final List<RoleAbility> ALL = List.of(
            new RoleAbility("See the project, its APIs, credentials, dashboard, quotas and members", Role.VIEWER),
            new RoleAbility("Enable and disable APIs", Role.EDITOR),
            new RoleAbility("Create, change and delete API keys, OAuth clients and service accounts", Role.EDITOR),
            new RoleAbility("Change the OAuth consent screen", Role.EDITOR),
            new RoleAbility("Lower a quota (only platform administrators raise one above the catalog's limit)", Role.EDITOR),
            new RoleAbility("Add, change and remove members", Role.OWNER),
            new RoleAbility("Read the project's activity (its audit log)", Role.OWNER),
            new RoleAbility("Turn billing on or off and set the monthly budget", Role.OWNER),
            new RoleAbility("Delete the project", Role.OWNER));

    public boolean allows(Role role) {
        return role.includes(lowest);
    }

    public static List<Role> roles() {
        return List.of(Role.VIEWER, Role.EDITOR, Role.OWNER);
    }
}
