package dev.tollgate.server.admin.openapi;

/** Who may call an operation: the role it needs, as {@code x-tollgate-role} and in words. */
enum Access {
    PUBLIC("none", "No credentials needed."),
    ANY_CALLER("any", "Any caller with an admin-scoped token; what it sees or may do follows its roles."),
    VIEWER("viewer", "Needs the viewer role (or editor, owner) on the project, or platform administration."),
    EDITOR("editor", "Needs the editor role (or owner) on the project, or platform administration."),
    OWNER("owner", "Needs the owner role on the project, or platform administration."),
    RECORDS("viewer", "Needs the viewer role on the project; a platform administrator may also read those of a deleted project."),
    PLATFORM_ADMIN("platformAdmin", "Needs platform administration (admin@localhost, admin@tollgate.iam and whoever they grant it to).");

    private final String role;
    private final String description;

    Access(String role, String description) {
        this.role = role;
        this.description = description;
    }

    String role() { return role; }

    String description() { return description; }
}
