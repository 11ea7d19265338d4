package dev.tollgate.server.pages;

/**
 * Ends a page request with the error page: a status, a title and a sentence for the person, never
 * a stack trace. Thrown anywhere below a {@link Pages#get}/{@link Pages#post} handler (or any
 * handler, once {@link Pages#register} has run).
 */
public final class PageError extends RuntimeException {
    private final int status;
    private final String title;

    public PageError(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static PageError badRequest(String message) {
        return new PageError(400, "Something is wrong with this request", message);
    }

    public static PageError forbidden(String message) {
        return new PageError(403, "Not allowed", message);
    }

    public int status() { return status; }

    public String title() { return title; }
}
