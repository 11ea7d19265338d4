package dev.tollgate.server.admin.openapi;

import java.util.List;
import java.util.Optional;

/**
 * One route of the admin API as the description gives it.
 *
 * @param method   the HTTP method, upper case as Javalin names it
 * @param path     the path template exactly as the route is registered
 * @param request  the request body's schema, if it takes one
 * @param response the 200 answer's schema
 * @param query    query parameters
 * @param creates  whether it may answer 409 ALREADY_EXISTS
 */
record Operation(String method, String path, String operationId, String tag, String summary, Access access,
                 Optional<String> request, String response, List<QueryParameter> query, boolean creates) {

    /** A query parameter; {@code example} is a value the server accepts. */
    record QueryParameter(String name, String description, boolean required, String example) {}

    Operation withQuery(QueryParameter... parameters) {
        return new Operation(method, path, operationId, tag, summary, access, request, response, List.of(parameters), creates);
    }

    Operation creating() {
        return new Operation(method, path, operationId, tag, summary, access, request, response, query, true);
    }
}
