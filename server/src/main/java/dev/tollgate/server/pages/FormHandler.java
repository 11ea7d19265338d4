package dev.tollgate.server.pages;

import io.javalin.http.Context;

/** Handles a form POST whose body has been read and whose CSRF token has been checked. */
@FunctionalInterface
public interface FormHandler {
    void handle(Context ctx, FormFields form) throws Exception;
}
