package dev.tollgate.server.audit;

import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/** Which of a server's routes could change something without the audit log knowing. */
public final class AuditCoverage {
    /**
     * POST routes outside the admin API that change nothing a person or an administrator made: they
     * issue or inspect tokens, or start a device request that a person's decision then changes.
     */
    static final Set<String> NOT_CHANGES = Set.of("/token", "/tokeninfo", "/introspect", "/v1/userinfo", "/device/code", "/device");

    private AuditCoverage() {}

    /** Of {@code routes} ("POST /path"), those that can change something and are not audited. */
    public static List<String> unaudited(List<String> routes) {
        return routes.stream().filter(AuditCoverage::isUnaudited).toList();
    }

    private static boolean isUnaudited(String route) {
        int space = route.indexOf(' ');
        HandlerType verb = HandlerType.valueOf(route.substring(0, space));
        String path = route.substring(space + 1);
        if (!AdminAuditHook.CHANGES.contains(verb) || path.endsWith("/<rest>")) {
            return false; // reads, and the gateway, whose calls are metered rather than audited
        }
        if (path.startsWith("/admin/")) {
            return AdminMethods.find(verb, path).isEmpty();
        }
        return !(verb == HandlerType.POST && (PageAuditHook.ACTIONS.containsKey(path) || ConsoleAudit.ACTIONS.containsKey(path)
                || NOT_CHANGES.contains(path)));
    }
}
